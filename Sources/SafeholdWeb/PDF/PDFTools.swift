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
        ("pdfunite", "poppler-utils"), ("prlimit", "util-linux"),
    ]

    let directory: String
    /// Why PDFs cannot be made here, or nil when every command is installed.
    public let problem: String?
    /// How long one command may run before it is killed.
    let timeout: Duration
    /// How `pdftoppm` is held when it reads an attached PDF (a document from outside, which may be hostile):
    /// the kernel's limits, a shorter time limit, and the most pages it rasterises.
    let rasterLimits: ResourceLimits
    let rasterTimeout: Duration
    let maxDocumentPages: Int

    /// The default limits on rasterising one attached PDF: 1 GiB of address space, a minute of processor time,
    /// 64 MB per page image, two minutes in all, 300 pages.
    public static let defaultRasterLimits = (addressSpaceBytes: 1 << 30, cpuSeconds: 60, fileSizeBytes: 64 << 20)

    public init(
        directory: String = PDFTools.defaultDirectory, timeout: Duration = .seconds(300),
        rasterAddressSpaceBytes: Int = PDFTools.defaultRasterLimits.addressSpaceBytes,
        rasterCPUSeconds: Int = PDFTools.defaultRasterLimits.cpuSeconds, rasterTimeout: Duration = .seconds(120),
        maxDocumentPages: Int = 300
    ) {
        self.directory = directory
        self.timeout = timeout
        rasterLimits = ResourceLimits(
            addressSpaceBytes: rasterAddressSpaceBytes, cpuSeconds: rasterCPUSeconds,
            fileSizeBytes: Self.defaultRasterLimits.fileSizeBytes)
        self.rasterTimeout = rasterTimeout
        self.maxDocumentPages = maxDocumentPages
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

    /// The longest side of a rasterised page, in pixels.
    static let rasterPixels = 1300

    /// Why an attached PDF is not reproduced.
    enum RasterRefusal: Error, Equatable {
        /// More pages than `maxDocumentPages`.
        case tooManyPages(Int)
        /// The tool failed, reached a limit or ran out of time: damaged, hostile or too big to draw.
        case unreadable
    }

    /// Rasterises each page of a PDF into PNG files named `<prefix>-N.png` in `folder`; returns them in order.
    /// `pdftoppm` runs confined (`rasterLimits`, `rasterTimeout`), draws every page within `rasterPixels` (so
    /// a page claiming to be metres wide costs no more than an A4 one) and at most one page more than
    /// `maxDocumentPages`, so that a longer document is refused without drawing it all.
    func rasterise(_ pdf: Data, into folder: URL, prefix: String) async throws -> [URL] {
        let source = folder.appendingPathComponent("\(prefix).pdf")
        try pdf.write(to: source)
        let pdftoppm = ExternalCommand(
            executable: try command("pdftoppm").executable, timeout: rasterTimeout, limits: rasterLimits,
            confinement: URL(fileURLWithPath: "\(directory)/prlimit"), failsOn: ["Out of memory"])
        do {
            // Each page fits 1300 pixels (an A4 page at about 110 dots an inch), whatever size it claims to be.
            _ = try await pdftoppm.run(
                [
                    "-png", "-scale-to", "\(Self.rasterPixels)", "-l", "\(maxDocumentPages + 1)", source.path,
                    folder.appendingPathComponent(prefix).path,
                ])
        } catch is ExternalCommand.Failure {
            throw RasterRefusal.unreadable
        }
        let pages = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix(prefix + "-") && $0.pathExtension == "png" }
            .sorted { Self.pageNumber($0) < Self.pageNumber($1) }
        if pages.count > maxDocumentPages { throw RasterRefusal.tooManyPages(maxDocumentPages) }
        if pages.isEmpty { throw RasterRefusal.unreadable }
        return pages
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
