import ArgumentParser
import Foundation
import SafeholdCore
import SafeholdStore
import SafeholdWeb

/// `safehold census ...`: the CIN census return, checked against every DfE rule and exported as XML. The
/// header's LA code, software code, release and serial number come from `SAFEHOLD_CENSUS_*`.
struct CensusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "census", abstract: "The CIN census return: check it against the DfE's rules and export it.",
        subcommands: [Export.self, Check.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the year's return as XML, after the checks; refused while a rule fails with an error.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The collection year by the year it starts: 2025 is 1 April 2025 to 31 March 2026.")
        var year: Int
        @Option(help: "The file to write (default: standard output).") var output: String?
        @Flag(help: "Write the file even when rules fail with errors (they are listed on standard error).")
        var allowErrors = false

        func run() async throws {
            let services = try await AppServices.make(try common.configuration())
            do {
                try await export(services)
            } catch {
                await services.store.shutdown()
                throw error
            }
            await services.store.shutdown()
        }

        func export(_ services: AppServices) async throws {
            let context = AuditContext(system: "command line: census export")
            let settings = services.configuration.censusInUse
            do {
                let (run, xml) = try await services.store.censusExport(
                    year: year, settings: settings, allowErrors: allowErrors, context: context)
                report(run.findings)
                if let output {
                    try Data(xml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(Data(xml.utf8))
                }
                complain(
                    "census \(run.year): \(run.census.children.count) children, \(run.errors.count) errors, "
                        + "\(run.queries.count) queries" + (output.map { "; written to \($0)" } ?? ""))
                try await writeAuditCheckpoint(services)
            } catch let error as SafeholdError {
                if case .conflict = error, !allowErrors,
                    let run = try? await services.store.censusCheck(year: year, settings: settings, context: context)
                {
                    report(run.findings)
                }
                complain("census export refused: \(error.message)")
                throw ExitCode(1)
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every DfE rule on the year's return and list what fails (exit 1 when an error does).")
        @OptionGroup var common: CommonOptions
        @Option(help: "The collection year by the year it starts: 2025 is 1 April 2025 to 31 March 2026.")
        var year: Int

        func run() async throws {
            let services = try await AppServices.make(try common.configuration())
            do {
                try await check(services)
            } catch {
                await services.store.shutdown()
                throw error
            }
            await services.store.shutdown()
        }

        func check(_ services: AppServices) async throws {
            do {
                let run = try await services.store.censusCheck(
                    year: year, settings: services.configuration.censusInUse,
                    context: AuditContext(system: "command line: census check"))
                report(run.findings, to: FileHandle.standardOutput)
                print(
                    "census \(run.year): \(run.census.children.count) children, \(run.errors.count) errors, "
                        + "\(run.queries.count) queries")
                try await writeAuditCheckpoint(services)
                if !run.errors.isEmpty { throw ExitCode(1) }
            } catch let error as SafeholdError {
                complain("census check refused: \(error.message)")
                throw ExitCode(1)
            }
        }
    }
}

/// One line per finding: severity, rule, child, field, message (tab-separated), written in one go (a
/// whole authority's return can have tens of thousands).
private func report(_ findings: [CensusFinding], to handle: FileHandle = .standardError) {
    var text: [UInt8] = []
    text.reserveCapacity(findings.count * 120)
    for f in findings {
        let line = [f.severity.rawValue, f.code, f.laChildID ?? "(return)", f.field ?? "", f.message]
        text.append(contentsOf: line.joined(separator: "\t").utf8)
        text.append(UInt8(ascii: "\n"))
    }
    if !text.isEmpty { handle.write(Data(text)) }
}

private func complain(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
