import Foundation

/// Writes a return as the CIN census XML, element by element in the order of the DfE's 2025-26
/// specification (Message, Header with CollectionDetails and Source, Children, Child with ChildIdentifiers,
/// ChildCharacteristics and CINdetails). A value that is missing is left out, never written empty; every
/// value is escaped, and a character XML 1.0 cannot carry becomes U+FFFD, so no record can break the file.
public enum CensusXML {
    public static func document(_ census: CensusReturn) -> String {
        var w = Writer()
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        w.open("Message")
        header(census.header, &w)
        w.open("Children")
        for child in census.children { self.child(child, &w) }
        w.close("Children")
        w.close("Message")
        return w.text
    }

    static func header(_ h: CensusHeader, _ w: inout Writer) {
        w.open("Header")
        w.open("CollectionDetails")
        w.leaf("Collection", h.collection)
        w.leaf("Year", h.year)
        w.leaf("ReferenceDate", h.referenceDate?.description)
        w.close("CollectionDetails")
        w.open("Source")
        w.leaf("SourceLevel", h.sourceLevel)
        w.leaf("LEA", h.lea)
        w.leaf("SoftwareCode", h.softwareCode)
        w.leaf("Release", h.release)
        w.leaf("SerialNo", h.serialNo)
        w.leaf("DateTime", h.dateTime)
        w.close("Source")
        w.close("Header")
    }

    static func child(_ c: CensusChild, _ w: inout Writer) {
        w.open("Child")
        w.open("ChildIdentifiers")
        w.leaf("LAchildID", c.laChildID)
        w.leaf("UPN", c.upn)
        w.leaf("FormerUPN", c.formerUPN)
        w.leaf("UPNunknown", c.upnUnknown)
        w.leaf("PersonBirthDate", c.birthDate?.description)
        w.leaf("ExpectedPersonBirthDate", c.expectedBirthDate?.description)
        w.leaf("Sex", c.sex)
        w.leaf("PersonDeathDate", c.deathDate?.description)
        w.close("ChildIdentifiers")
        w.open("ChildCharacteristics")
        w.leaf("Ethnicity", c.ethnicity)
        w.group("Disabilities", "Disability", c.disabilities)
        w.close("ChildCharacteristics")
        for episode in c.episodes { details(episode, &w) }
        w.close("Child")
    }

    static func details(_ d: CINDetails, _ w: inout Writer) {
        w.open("CINdetails")
        w.leaf("CINreferralDate", d.referralDate?.description)
        w.leaf("ReferralSource", d.referralSource)
        w.leaf("PrimaryNeedCode", d.primaryNeedCode)
        w.leaf("CINclosureDate", d.closureDate?.description)
        w.leaf("ReasonForClosure", d.reasonForClosure)
        w.leaf("DateOfInitialCPC", d.dateOfInitialCPC?.description)
        w.leaf("ReferralNFA", d.referralNFA)
        for a in d.assessments {
            w.open("Assessments")
            w.leaf("AssessmentActualStartDate", a.actualStartDate?.description)
            w.leaf("AssessmentInternalReviewDate", a.internalReviewDate?.description)
            w.leaf("AssessmentAuthorisationDate", a.authorisationDate?.description)
            w.group("FactorsIdentifiedAtAssessment", "AssessmentFactors", a.factors)
            w.close("Assessments")
        }
        for p in d.cinPlans {
            w.open("CINPlanDates")
            w.leaf("CINPlanStartDate", p.startDate?.description)
            w.leaf("CINPlanEndDate", p.endDate?.description)
            w.close("CINPlanDates")
        }
        for s in d.section47s {
            w.open("Section47")
            w.leaf("S47ActualStartDate", s.actualStartDate?.description)
            w.leaf("InitialCPCtarget", s.initialCPCtarget?.description)
            w.leaf("DateOfInitialCPC", s.dateOfInitialCPC?.description)
            w.leaf("ICPCnotRequired", s.icpcNotRequired)
            w.close("Section47")
        }
        for p in d.protectionPlans { plan(p, &w) }
        w.close("CINdetails")
    }

    static func plan(_ p: CensusProtectionPlan, _ w: inout Writer) {
        w.open("ChildProtectionPlans")
        w.leaf("CPPstartDate", p.startDate?.description)
        w.leaf("CPPendDate", p.endDate?.description)
        w.leaf("InitialCategoryOfAbuse", p.initialCategoryOfAbuse)
        w.leaf("LatestCategoryOfAbuse", p.latestCategoryOfAbuse)
        w.leaf("NumberOfPreviousCPP", p.numberOfPreviousCPP.map(String.init))
        w.group("Reviews", "CPPreviewDate", p.reviewDates.map { $0?.description ?? "" })
        w.close("ChildProtectionPlans")
    }

    /// An indenting writer of elements and escaped text.
    struct Writer {
        private(set) var text = ""
        private var depth = 0

        init() { text.reserveCapacity(1 << 16) }

        mutating func raw(_ s: String) { text += s }
        mutating func open(_ name: String) {
            indent()
            text += "<\(name)>\n"
            depth += 1
        }
        mutating func close(_ name: String) {
            depth -= 1
            indent()
            text += "</\(name)>\n"
        }
        /// An element with a value; nothing when the value is missing.
        mutating func leaf(_ name: String, _ value: String?) {
            guard let value else { return }
            element(name, value)
        }
        /// A group element holding one `element` per value (a missing date stays an empty element, so a
        /// review without a date is still a review); nothing when there are no values.
        mutating func group(_ name: String, _ element: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            open(name)
            for value in values { self.element(element, value) }
            close(name)
        }
        mutating func element(_ name: String, _ value: String) {
            indent()
            text += "<\(name)>"
            CensusXML.escape(value, into: &text)
            text += "</\(name)>\n"
        }
        private mutating func indent() { text += Self.indents[min(depth, Self.indents.count - 1)] }

        /// Each depth's indentation made once (the return nests six deep), not once per element.
        private static let indents = (0..<12).map { String(repeating: "  ", count: $0) }
    }

    /// Escapes markup characters and replaces what XML 1.0 forbids (most C0 controls, lone surrogates'
    /// stand-ins, U+FFFE and U+FFFF) with U+FFFD.
    static func escape(_ value: String, into out: inout String) {
        // Dates, codes and flags (nearly every value) have nothing to escape: appended whole.
        if value.utf8.allSatisfy({
            $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27
        }) {
            out += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                out.unicodeScalars.append(v < 0x20 || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
    }
}
