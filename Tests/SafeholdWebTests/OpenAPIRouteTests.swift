import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeholdCore
import SafeholdStore
import Testing

@testable import SafeholdWeb

/// The OpenAPI document is the API as registered: the same paths and methods, and a schema for each
/// kind of step whose fields and code sets are Core's.
@Suite struct OpenAPIRouteTests {
    static func document(_ services: AppServices) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: services.openAPIDocument) as? [String: Any])
    }

    static func schema(_ document: [String: Any], _ name: String) throws -> [String: Any] {
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        return try #require(schemas[name] as? [String: Any], "no schema \(name)")
    }

    /// YAML 1.1 reads a bare `on`, `off`, `yes` or `no` as a boolean: every name a schema lists as
    /// required must still be a text once the document is served as JSON (a fuzzer refuses it otherwise).
    @Test func everyRequiredPropertyNameIsText() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        var offending: [String] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                if let required = object["required"] as? [Any], !required.allSatisfy({ $0 is String }) {
                    offending.append(path)
                }
                for (key, child) in object { walk(child, path + "/" + key) }
            } else if let array = value as? [Any] {
                for child in array { walk(child, path) }
            }
        }
        walk(try Self.document(fixture.services), "")
        #expect(offending.isEmpty, "required lists holding a non-text name: \(offending)")
        await fixture.store.database.shutdown()
    }

    @Test func theDocumentDescribesExactlyTheRoutesTheAPIRegisters() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let router = buildRouter(fixture.services)
        let registered = Set(
            router.routes.filter { $0.path.description.hasPrefix(SiteRoute.API.root.path + "/") }
                .map { "\($0.method.rawValue) \($0.path.description)" })
        let paths = try #require(try Self.document(fixture.services)["paths"] as? [String: [String: Any]])
        let methods = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = Set(
            paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
        #expect(registered.count > 15)
        #expect(registered.subtracting(documented).isEmpty, "registered but not documented")
        #expect(documented.subtracting(registered).isEmpty, "documented but not registered")
        #expect(
            router.routes.allSatisfy {
                !$0.path.description.hasPrefix("/api/") || registered.contains("\($0.method.rawValue) \($0.path)")
            })
        await fixture.store.database.shutdown()
    }

    @Test func everyKindOfStepHasASchemaWithCoresFieldsAndCodes() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let document = try Self.document(fixture.services)
        let step = try Self.schema(document, "Step")
        let mapping = try #require((step["discriminator"] as? [String: Any])?["mapping"] as? [String: String])
        #expect(Set(mapping.keys) == Set(StepPayload.fields.keys))
        #expect(Set(mapping.keys) == Set(StepForm.kinds.map(\.kind)))
        #expect((step["oneOf"] as? [Any])?.count == mapping.count)
        for (kind, reference) in mapping {
            let schema = try Self.schema(document, String(reference.split(separator: "/").last!))
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(properties.keys) == StepPayload.fields[kind]!.union(["kind"]), "\(kind)")
            #expect(((properties["kind"] as? [String: Any])?["const"] as? String) == kind)
            #expect(schema["additionalProperties"] as? Bool == false)
            #expect(((properties["on"] as? [String: Any])?["format"] as? String) == "date", "\(kind)")
        }
        func codes(_ schema: [String: Any]) -> Set<String> {
            Set((schema["enum"] as? [Any] ?? []).compactMap { $0 as? String })
        }
        func property(_ schema: String, _ name: String) throws -> [String: Any] {
            try #require((try Self.schema(document, schema)["properties"] as? [String: Any])?[name] as? [String: Any])
        }
        #expect(
            codes(try property("StrategyDiscussionStep", "decision")) == Set(StrategyDecision.allCases.map(\.rawValue)))
        #expect(
            codes(try Self.schema(document, "ConferenceDecision")) == Set(ConferenceDecision.allCases.map(\.rawValue)))
        #expect(codes(try Self.schema(document, "AbuseCategoryOrNull")) == Set(AbuseCategory.allCases.map(\.rawValue)))
        #expect(codes(try property("PlanStartedStep", "planKind")) == Set(PlanKind.allCases.map(\.rawValue)))
        #expect(codes(try property("ClosedStep", "reason")) == Set(ClosureReason.allCases.map(\.rawValue)))
        #expect(codes(try Self.schema(document, "AssessmentFactor")) == Set(AssessmentFactors.codes.map(\.code)))
        #expect(codes(try property("Participant", "agencyKind")) == Set(Agency.Kind.allCases.map(\.rawValue)))
        let interval = try property("PlanStartedStep", "visitIntervalWorkingDays")
        #expect(interval["minimum"] as? Int == 1 && interval["maximum"] as? Int == 60)
        await fixture.store.database.shutdown()
    }

    /// One step of every kind, as a client would build it from the schemas.
    static func everyKind() throws -> [EpisodeStep] {
        let day = try #require(LocalDate(iso: "2026-11-24"))
        let id = UUID(), person = Participant(name: "A. Nurse", agency: "Testshire Health", agencyKind: .health)
        return [
            .assessmentStarted(on: day),
            .assessmentCompleted(
                assessment: id, on: day, factors: ["1B", "21"], childSeen: true, developmentalNeeds: "d",
                parentingCapacity: "p", familyAndEnvironment: "f", outcome: "o"),
            .strategyDiscussion(
                on: day, participants: [person], absentAgencyReason: nil, informationShared: "i",
                decision: .singleAgencyS47, safetyActions: ""),
            .section47Started(on: day, strategyDiscussion: id),
            .section47Completed(
                enquiry: id, on: day, substantiated: true, conferenceNeeded: false, reasonNoConference: "r"),
            .conference(
                initial: true, on: day, chair: "C", attendees: [person], apologies: ["GP"], childViews: "v",
                howViewsObtained: "h", decision: .plan, category: .neglect, nextReview: day),
            .conference(
                initial: false, on: day, chair: "C", attendees: [], apologies: [], childViews: "v",
                howViewsObtained: "h", decision: .continuePlan, category: nil, nextReview: nil),
            .planStarted(kind: .childProtection, on: day, category: .emotional, visitIntervalWorkingDays: 10),
            .planEnded(plan: id, on: day, reason: "Safe"),
            .coreGroupMeeting(plan: id, on: day, attendees: [person], notes: "n"),
            .visit(
                on: day, visitor: "V", childSeen: true, seenAlone: false, location: "Home", observations: "",
                childsWords: "w"),
            .closed(on: day, reason: .rc8),
        ]
    }

    @Test func everyKindOfStepTravelsAsItsSchemaSaysAndComesBackTheSame() async throws {
        let fixture = try await WebFixture.make()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let document = try Self.document(fixture.services)
        let mapping = try #require(
            ((try Self.schema(document, "Step"))["discriminator"] as? [String: Any])?["mapping"] as? [String: String])
        for step in try Self.everyKind() {
            let data = try APIResponse.encoder.encode(StepPayload(step))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let schema = try Self.schema(document, String(try #require(mapping[step.kind]).split(separator: "/").last!))
            let required = Set(try #require(schema["required"] as? [String]))
            let properties = Set(try #require(schema["properties"] as? [String: Any]).keys)
            #expect(object["kind"] as? String == step.kind)
            #expect(
                required.isSubset(of: Set(object.keys)), "\(step.kind) leaves out \(required.subtracting(object.keys))")
            #expect(
                Set(object.keys).isSubset(of: properties),
                "\(step.kind) sends \(Set(object.keys).subtracting(properties))")
            #expect(try StrictJSON.decoder.decode(StepPayload.self, from: data).step == step)
        }
        await fixture.store.database.shutdown()
    }

    @Test func aStepOfAnUnknownKindOrWithAFieldOfAnotherKindIsRefusedAndWritesNothing() async throws {
        try await WebFixture.withApp { f, client in
            let token = try await f.apiToken(f.north)
            let episode = UUID().uuidString
            let steps = try await f.count("episode_steps")
            let bodies = [
                (#"{"expectedSteps":0,"step":{"kind":"tea_party","on":"2026-11-24"}}"#, "step.kind"),
                (
                    #"{"expectedSteps":0,"step":{"kind":"closed","on":"2026-11-24","reason":"RC8","visitor":"V"}}"#,
                    "step.visitor"
                ),
                (#"{"expectedSteps":0,"step":{"kind":"visit","on":"2026-11-24"}}"#, "step.visitor"),
                (
                    #"{"expectedSteps":0,"step":{"kind":"strategy_discussion","on":"2026-11-24","participants":"#
                        + #"[{"name":"A","agency":"B","agencyKind":"police","rank":"PC"}],"informationShared":"i","#
                        + #""decision":"s47_single","safetyActions":""}}"#,
                    "step.participants[0].rank"
                ),
                (#"{"expectedSteps":0,"step":{"visit":{"on":"2026-11-24"}}}"#, "step.kind"),
            ]
            for (body, field) in bodies {
                let response = try await client.execute(
                    uri: "/api/v1/episodes/\(episode)/steps", method: .post, headers: bearer(token),
                    body: jsonBody(body))
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(response.text.contains("\"\(field)\""), "\(response.text)")
            }
            #expect(try await f.count("episode_steps") == steps)
        }
    }
}
