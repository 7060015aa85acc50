import Foundation
import SafeholdCore
import SafeholdStore

/// The demo's documents and body map, on the child in care proceedings (`DemoCourt`, allocated to sw.north1):
/// a synthetic letter from the school and a paediatric report (PDFs made here, the report "not to be disclosed
/// to the family"), a photograph of a bruise (a small PNG drawn here), and a body map of the two marks seen
/// the day after the police protection, the first with that photograph attached. Returns the documents' ids
/// (letter, report, photograph) for the demo's court bundle.
enum DemoDocuments {
    @discardableResult
    static func load(into store: Store, child: UUID, worker: User) async throws -> [UUID] {
        let context = AuditContext(actor: worker.actor, ipAddress: nil, reason: "demo")
        let letter = try await store.addDocument(
            to: .person(child),
            DocumentDraft(
                title: "Letter from Riverside Primary about attendance", kind: DocumentKind.letter.rawValue,
                fileName: "riverside-attendance-letter.pdf", description: "Synthetic demo letter.", thirdParty: true),
            bytes: SyntheticFiles.pdf(lines: [
                "Riverside Primary School (synthetic demo letter)", "Attendance this term: 71 per cent.",
                "Concerns raised with the family on three occasions.",
            ]), context: context)
        let report = try await store.addDocument(
            to: .person(child),
            DocumentDraft(
                title: "Paediatric assessment report", kind: DocumentKind.medicalReport.rawValue,
                fileName: "paediatric-report.pdf", description: "Child protection medical; synthetic.",
                thirdParty: true, notForFamily: true),
            bytes: SyntheticFiles.pdf(lines: [
                "Child protection medical (synthetic demo report)",
                "Two bruises: left forearm 25 mm, upper back 30 mm.", "Explanation given is not consistent.",
            ]), context: context)
        let photo = try await store.addDocument(
            to: .person(child),
            DocumentDraft(
                title: "Photograph: bruise on the left forearm", kind: DocumentKind.bodyMapPhoto.rawValue,
                fileName: "forearm.png"),
            bytes: SyntheticFiles.png(width: 24, height: 16), context: context)
        _ = try await store.recordBodyMap(
            for: child,
            BodyMapDraft(
                seenOn: store.today.adding(days: -111),
                notes: "Seen at the emergency foster carers' home the morning after the police protection; "
                    + "the child was calm.",
                marks: [
                    BodyMarkDraft(
                        site: "forearm_left_front", type: MarkType.bruise.rawValue, sizeMm: 25,
                        colour: "Blue-purple", explanation: "Fell off the sofa", explainedBy: "Mother",
                        seenBy: worker.displayName, photos: [photo.id]),
                    BodyMarkDraft(
                        site: "upper_back", type: MarkType.bruise.rawValue, sizeMm: 30, colour: "Yellow-green",
                        seenBy: worker.displayName),
                ]), context: context)
        return [letter.id, report.id, photo.id]
    }
}

/// Small valid files made in code, so the demo ships no binary: a one-page PDF of text lines and a PNG
/// of one colour.
enum SyntheticFiles {
    /// A one-page PDF 1.4 with `lines` in Helvetica on a page `width` x `height` points (A4 unless told), its
    /// cross-reference table at the right offsets.
    static func pdf(lines: [String], width: Int = 595, height: Int = 842) -> [UInt8] {
        let escaped = lines.map {
            $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
        }
        let text = escaped.enumerated().map {
            "BT /F1 12 Tf 72 \(height - 122 - $0.offset * 18) Td (\($0.element)) Tj ET"
        }
        .joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(width) \(height)]"
                + " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        out += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    /// A `width` x `height` PNG of one bruise-like colour (8-bit RGB, stored deflate blocks).
    static func png(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        for _ in 0..<height { raw += [0] + Array(repeating: [0x6B, 0x3F, 0x8C], count: width).flatMap { $0 } }
        var zlib: [UInt8] = [0x78, 0x01]
        var rest = raw[...]
        repeat {
            let block = rest.prefix(65_535)
            rest = rest.dropFirst(block.count)
            let n = block.count
            zlib += [rest.isEmpty ? 1 : 0, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            zlib += block
        } while !rest.isEmpty
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        zlib += be32(b << 16 | a)
        let header = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib)
            + chunk("IEND", [])
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    private static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
