import Foundation

/// Section A of a court bundle from the child's court record: each set of care proceedings as a case summary
/// and timetable (issue, the 26-week timetable and its extensions, hearings with the week they fall in, parties
/// and their representatives), then every application and order, oldest first, then the Public Law Outline's
/// pre-proceedings stages. Plain lines; the layout escapes and redacts them.
extension BundleProceedingsItem {
    /// The items for section A on `today` under `rules`.
    public static func sectionA(
        orders: [CourtOrder], preProceedings: [PreProceedings], proceedings: [CareProceedings], rules: CourtRules,
        today: LocalDate
    ) -> [BundleProceedingsItem] {
        proceedings.sorted { $0.issuedOn < $1.issuedOn }.map { summary($0, rules: rules, today: today) }
            + orders.sorted {
                ($0.application.appliedOn, $0.id.text) < ($1.application.appliedOn, $1.id.text)
            }
            .map { order($0, today: today) }
            + preProceedings.sorted { $0.letterSentOn < $1.letterSentOn }.map(stage)
    }

    /// Care proceedings as the case summary and timetable.
    static func summary(_ p: CareProceedings, rules: CourtRules, today: LocalDate) -> BundleProceedingsItem {
        var lines = [
            "Court: \(p.court). Case number: \(p.caseNumber).",
            "Issued on \(p.issuedOn.display).",
            "Timetable for the child: 26 weeks, to end by \(p.dueOn(rules).display)"
                + (p.extensions.isEmpty ? "." : " after extensions of \(p.extensionWeeks) weeks in all."),
        ]
        lines += p.extensions.map {
            "Timetable extended on \($0.grantedOn.display) by \($0.weeks) weeks: \($0.reason)"
        }
        if let concluded = p.concludedOn {
            lines.append(sentence("Concluded on \(concluded.display)" + (p.conclusion.map { ": \($0)" } ?? "")))
        } else {
            lines.append("Week \(p.week(of: today)) of the proceedings on \(today.display).")
        }
        lines.append("Hearings:")
        lines += p.hearings.isEmpty ? ["None listed."] : p.hearings.map { hearing($0, issuedOn: p.issuedOn) }
        lines.append("Parties and representatives:")
        lines += p.parties.map(party)
        return BundleProceedingsItem(
            title: "Case summary and timetable (\(p.caseNumber))", date: p.issuedOn, lines: lines)
    }

    static func hearing(_ h: Hearing, issuedOn: LocalDate) -> String {
        var line = "\(h.kind.label), \(h.heldOn.display) (week \(h.week(issuedOn: issuedOn)))"
        line += h.outcome.map { ": \(sentence($0))" } ?? ": listed."
        line += h.ordersMade.map { " Orders made: \($0)" } ?? ""
        return sentence(line)
    }

    static func party(_ p: ProceedingsParty) -> String {
        var line = "\(p.role.label): \(p.name)"
        if let guardian = p.guardian { line += "; guardian \(guardian)" }
        if let solicitor = p.solicitor { line += "; solicitor \(solicitor)" + (p.firm.map { ", \($0)" } ?? "") }
        if p.solicitor == nil, let firm = p.firm { line += "; represented by \(firm)" }
        return line
    }

    /// An application and what became of it.
    static func order(_ o: CourtOrder, today: LocalDate) -> BundleProceedingsItem {
        var lines = [
            "Applied for on \(o.application.appliedOn.display) by \(o.application.applicant) "
                + "to \(o.application.court).",
            "Status on \(today.display): \(o.status(today: today).label).",
        ]
        if let outcome = o.outcome {
            lines.append("\(outcome.label)" + (o.outcomeOn.map { " on \($0.display)" } ?? "") + ".")
        }
        if let start = o.startsOn { lines.append("In force from \(start.display).") }
        lines += o.extensions.map {
            "Extended on \($0.extendedOn.display) from \($0.previousExpiry.display) to \($0.newExpiry.display): "
                + $0.reason
        }
        if let expiry = o.expiresOn { lines.append("Expires on \(expiry.display).") }
        if let ended = o.endedOn {
            lines.append(sentence("Ended on \(ended.display)" + (o.endReason.map { ": \($0.label)" } ?? "")))
            if let note = o.endNote { lines.append(sentence(note)) }
        }
        return BundleProceedingsItem(
            title: "Application: \(o.kind.label)", date: o.application.appliedOn, lines: lines)
    }

    /// The letter before proceedings and the meeting.
    static func stage(_ s: PreProceedings) -> BundleProceedingsItem {
        var lines = ["Letter before proceedings sent on \(s.letterSentOn.display)."]
        if let meeting = s.meetingOn { lines.append("Pre-proceedings meeting on \(meeting.display).") }
        if let attendees = s.attendees { lines.append(sentence("Attended by: \(attendees)")) }
        if let outcome = s.outcome {
            lines.append("Outcome: \(outcome.label)" + (s.outcomeOn.map { " (\($0.display))" } ?? "") + ".")
        }
        return BundleProceedingsItem(
            title: "Public Law Outline pre-proceedings", date: s.letterSentOn, lines: lines)
    }

    /// `text` ending with a full stop (recorded text often has its own).
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.last.map { ".!?".contains($0) } == true ? trimmed : trimmed + "."
    }
}
