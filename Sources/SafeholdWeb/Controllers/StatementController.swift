import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// Statements for court: the child's list and the form that starts one, one statement (its latest version to
/// edit, any version to read), inserting chronology entries, and the manager's sign-off.
struct StatementController {
    let store: Store
    let renderer: PageRenderer

    func register(on group: RouterGroup<SafeholdContext>) {
        group.get(SiteRoute.statements) { _, context, id in try await self.list(context, id) }
        group.post(SiteRoute.statements) { request, context, id in
            let form = try await FormData.read(request, context: context, limit: BodyLimit.statement)
            let file = try await self.store.startStatement(
                for: id, CourtForms.statement(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.statement(id, file.statement.id).path, type: .normal)
        }
        group.get(SiteRoute.statement) { request, context, id, statement in
            try await self.show(request, context, id, statement)
        }
        group.post(SiteRoute.statement) { request, context, id, statement in
            let form = try await FormData.read(request, context: context, limit: BodyLimit.statement)
            _ = try await self.store.saveStatement(
                statement, of: id, CourtForms.statement(form), expectedVersion: CourtForms.version(form),
                context: try context.audit())
            return Response.redirect(to: SiteRoute.statement(id, statement).path, type: .normal)
        }
        group.post(SiteRoute.statementChronology) { request, context, id, statement in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.insertChronology(
                into: statement, of: id, entryIds: CourtForms.ids(form, "entryIds"),
                expectedVersion: CourtForms.version(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.statement(id, statement).path, type: .normal)
        }
        group.post(SiteRoute.statementSignOff) { request, context, id, statement in
            let form = try await FormData.read(request, context: context)
            _ = try await self.store.signOffStatement(
                statement, of: id, version: CourtForms.version(form), context: try context.audit())
            return Response.redirect(to: SiteRoute.statement(id, statement).path, type: .normal)
        }
    }

    func list(_ context: SafeholdContext, _ id: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let list = try await store.statements(of: id, context: try context.audit())
        let name = list.childName
        return renderer.page(
            StatementsPage(
                list.statements, personId: id, name: name,
                chrome: Chrome(title: "Statements for court: \(name)", identity: identity)))
    }

    func show(_ request: Request, _ context: SafeholdContext, _ id: UUID, _ statement: UUID) async throws -> Response {
        let identity = try context.requireIdentity()
        let file = try await store.statement(statement, of: id, context: try context.audit())
        let asked = request.uri.queryParameters.get("version")
        guard let shown = asked == nil ? file.current : file.versions.first(where: { "\($0.number)" == asked }) else {
            throw SafeholdError.notFound("This statement has no version \(Validation.shown(asked ?? "")).")
        }
        let chronology =
            file.canEdit && shown.number == file.statement.version
            ? try await store.chronology(of: id, context: try context.audit()) : []
        let name = file.childName
        return renderer.page(
            StatementPage(
                file, shown: shown, personId: id, name: name, chronology: chronology,
                chrome: Chrome(title: "\(shown.content.title): \(name)", identity: identity), ruleset: store.ruleset))
    }
}
