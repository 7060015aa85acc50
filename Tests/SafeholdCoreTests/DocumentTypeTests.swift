import Foundation
import SafeholdCore
import Testing

/// ZIP files built by hand (stored entries, with a central directory), as office programs write them.
enum ZipSample {
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
        for (name, content) in entries {
            let n = Array(name.utf8), c = Array(content.utf8), offset = out.count
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            out += le32(c.count) + le32(c.count) + le16(n.count) + le16(0) + n + c
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(0) + le32(c.count) + le32(c.count) + le16(n.count) + le16(0) + le16(0) + le16(0)
            central += le16(0) + le32(0) + le32(offset) + n
        }
        let start = out.count
        out += central
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(central.count) + le32(start) + le16(0)
        return out
    }
}

@Suite("Document types are read from the content, never the name")
struct DocumentTypeTests {
    @Test("PDF, images, OOXML, OpenDocument and OLE2 files are recognised")
    func recognisesAllowedTypes() {
        let cases: [([UInt8], DocumentType)] = [
            (Array("%PDF-1.7\n".utf8), .pdf),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .png),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0], .jpeg),
            (Array("GIF89a....".utf8), .gif),
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), .webp),
            ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], .legacyOffice),
            (ZipSample.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")]), .docx),
            (ZipSample.zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<x/>")]), .xlsx),
            (ZipSample.zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")]), .pptx),
            (ZipSample.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<o/>")]), .odt),
            (
                ZipSample.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "")]),
                .ods
            ),
        ]
        for (bytes, type) in cases {
            #expect(DocumentType.detect(bytes) == type, "\(type)")
        }
    }

    @Test("Scripts, web pages, SVG, programs, plain text and other archives are refused with a reason")
    func refusesEverythingElse() {
        let cases: [(String, String)] = [
            ("#!/bin/sh\necho hi", "script"), ("<html><body>", "web page"),
            ("<?xml version=\"1.0\"?><svg onload=\"alert(1)\">", "SVG"), ("<svg xmlns=...>", "SVG"),
            ("MZ\u{90}\u{0}", "program"), ("\u{7F}ELF", "program"), ("Just some notes", "not a type"),
        ]
        for (text, reason) in cases {
            let bytes = Array(text.utf8)
            #expect(DocumentType.detect(bytes) == nil, "\(reason)")
            #expect(DocumentType.refusal(bytes).contains(reason), "\(DocumentType.refusal(bytes))")
        }
        let archive = ZipSample.zip([("payload.exe", "MZ")])
        #expect(DocumentType.detect(archive) == nil && DocumentType.refusal(archive).contains("ZIP"))
        #expect(DocumentType.detect(ZipSample.zip([("[Content_Types].xml", "")])) == nil, "OOXML with no part")
        #expect(DocumentType.detect([UInt8]()) == nil && DocumentType.detect([0x50, 0x4B, 0x03, 0x04]) == nil)
    }

    @Test("The draft refuses an empty file, one over the limit and a bad name, naming the field")
    func draftValidation() throws {
        let pdf = Array("%PDF-1.4 x".utf8)
        let good = DocumentDraft(title: " Letter ", kind: "letter", fileName: "a.pdf", description: "  ")
        let clean = try good.validated(bytes: pdf, maxBytes: 100)
        #expect(clean.title == "Letter" && clean.description == nil && clean.type == .pdf && clean.size == pdf.count)
        #expect(clean.sha256.count == 64)
        func fields(_ draft: DocumentDraft, _ bytes: [UInt8]) -> [String] {
            do {
                _ = try draft.validated(bytes: bytes, maxBytes: 100)
                return []
            } catch {
                guard case .invalid(let errors) = error else { return ["?"] }
                return errors.map(\.field)
            }
        }
        #expect(fields(good, []) == ["file"])
        #expect(fields(good, pdf + Array(repeating: 32, count: 100)) == ["file"])
        #expect(
            fields(DocumentDraft(title: "", kind: "nope", fileName: "a\u{0}b"), pdf) == ["title", "kind", "fileName"])
        #expect(fields(DocumentDraft(title: "T", kind: "letter", fileName: "x\u{2066}y.pdf"), pdf) == ["fileName"])
    }

    @Test("A download name is safe ASCII with the exact name in RFC 5987 form")
    func contentDisposition() {
        let header = DownloadName.contentDisposition("Zoë \"report\";\r\n.pdf")
        #expect(
            header
                == "attachment; filename=\"Zo_ _report____.pdf\"; filename*=UTF-8''Zo%C3%AB%20%22report%22%3B%0D%0A.pdf"
        )
        #expect(DownloadName.ascii("日本") == "__")
        #expect(DownloadName.contentDisposition("a.png", inline: true).hasPrefix("inline; "))
    }

    @Test("Only partners and the children's social care on a police record are refused by the document rules")
    func documentAccess() {
        let id = UUID()
        func actor(_ role: Role) -> Actor { Actor(userId: id, role: role, agencyId: id, teamId: id, displayName: "T") }
        #expect(DocumentAccess.decide(actor(.partner), policeView: nil) == .denied(DocumentAccess.notForPartners))
        #expect(DocumentAccess.decide(actor(.socialWorker), policeView: .shared) == .denied(DocumentAccess.policeOnly))
        #expect(DocumentAccess.decide(actor(.police), policeView: .full) == .allowed)
        #expect(DocumentAccess.decide(actor(.socialWorker), policeView: nil) == .allowed)
    }
}
