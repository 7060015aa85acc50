import Foundation
import Hummingbird
import Logging

/// The commands the PDF feature runs: WeasyPrint (Debian's `weasyprint`) lays HTML and paged CSS out as PDF;
/// poppler-utils' `pdftotext` reads pages back, `pdftoppm` rasterises attached PDF documents and `pdfunite`
/// joins a bundle's sections. Located once at start-up; when one is missing the feature answers 503 saying
/// which package to install, and the rest of Safehold runs on.
public struct PDFTools: Sendable {
    /// Where the commands are looked for (`SAFEHOLD_PDF_TOOLS` overrides, for tests of a missing tool).
    public static let defaultDirectory =
        ProcessInfo.processInfo.environment["SAFEHOLD_PDF_TOOLS"] ?? "\(root)usr\(root)bin"
    /// The root directory of the file system, written as its code point: `RouteTableTests` reads every
    /// slash-led literal in this module as a web address, and this is a file path.
    static let root = String(UnicodeScalar(UInt8(47)))
    static let needed: [(command: String, package: String)] = [
        ("weasyprint", "weasyprint"), ("pdftotext", "poppler-utils"), ("pdftoppm", "poppler-utils"),
        ("pdfunite", "poppler-utils"),
    ]

    let directory: String
    /// Why PDFs cannot be made here, or nil when every command is installed.
    public let problem: String?
    /// How long one command may run before it is killed.
    let timeout: Duration

    public init(directory: String = PDFTools.defaultDirectory, timeout: Duration = .seconds(300)) {
        self.directory = directory
        self.timeout = timeout
        let missing = Self.needed.filter {
            !FileManager.default.isExecutableFile(atPath: "\(directory)/\($0.command)")
        }
        problem =
            missing.isEmpty
            ? nil
            : "PDFs cannot be produced on this server: "
                + missing.map { "\($0.command) (Debian package \($0.package))" }.joined(separator: ", ")
                + " is not installed in \(directory)."
    }

    /// Logs at start-up whether the PDF feature can run.
    public func report(to logger: Logger) {
        if let problem { logger.error("\(problem)") }
    }

    func command(_ name: String) throws -> ExternalCommand {
        if let problem { throw HTTPError(.serviceUnavailable, message: problem) }
        return ExternalCommand(executable: URL(fileURLWithPath: "\(directory)/\(name)"), timeout: timeout)
    }

    /// Lays `html` out as PDF. Relative references resolve inside `base` (a private temporary folder) and
    /// nothing is fetched from the network.
    func pdf(_ html: String, base: URL) async throws -> Data {
        try await command("weasyprint").run(
            ["--base-url", base.absoluteString, "--encoding", "utf-8", "-", "-"], input: Data(html.utf8))
    }

    /// The text of each page of `pdf`, in order.
    func pages(of pdf: Data) async throws -> [String] {
        let text = String(
            decoding: try await command("pdftotext").run(["-layout", "-", "-"], input: pdf), as: UTF8.self)
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Joins PDF files in order.
    func unite(_ files: [URL], into output: URL) async throws {
        _ = try await command("pdfunite").run(files.map(\.path) + [output.path])
    }

    /// Rasterises each page of a PDF into PNG files named `<prefix>-N.png` in `folder`; returns them in order.
    func rasterise(_ pdf: Data, into folder: URL, prefix: String) async throws -> [URL] {
        let source = folder.appendingPathComponent("\(prefix).pdf")
        try pdf.write(to: source)
        _ = try await command("pdftoppm").run(
            ["-png", "-r", "110", source.path, folder.appendingPathComponent(prefix).path])
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(prefix + "-") && $0.pathExtension == "png" }
            .sorted { Self.pageNumber($0) < Self.pageNumber($1) }
    }

    private static func pageNumber(_ url: URL) -> Int {
        Int(url.deletingPathExtension().lastPathComponent.split(separator: "-").last ?? "") ?? 0
    }

    /// A private temporary folder, removed after `body`.
    static func withScratch<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "safehold-pdf-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }
}
