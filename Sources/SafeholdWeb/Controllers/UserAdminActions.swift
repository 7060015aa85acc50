import Foundation
import Hummingbird
import SafeholdCore
import SafeholdStore

/// The administrator's actions on one account and on the requests waiting for approval.
extension UserAdminController {
    func setActive(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        let form = try await FormData.read(request, context: context)
        return try await acting(context) {
            try await store.setActive(id, active: form["active"] == "true", context: try context.audit())
            return nil
        }
    }

    /// Puts the user in a team of any agency (a joint or embedded team); they keep their agency and role.
    func changeTeam(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        let form = try await FormData.read(request, context: context)
        let team = form["team"].flatMap(UUID.init)
        return try await acting(context) {
            try await store.setTeam(id, team: team, context: try context.audit())
            return nil
        }
    }

    func changeRole(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        let form = try await FormData.read(request, context: context)
        guard let role = form["role"].flatMap(Role.init(rawValue:)) else {
            return try await page(context, errors: [FieldError("role", "choose a role")], status: .unprocessableContent)
        }
        return try await acting(context) {
            guard role.needsSecondAdministrator, var user = try await store.account(id: id)?.user else {
                try await store.changeRole(id, to: role, context: try context.audit())
                return nil
            }
            user.role = role
            return Notice(
                waiting: try await store.requestAccountChange(.changeRole, for: user, context: try context.audit())
                    .summary)
        }
    }

    func resetPassword(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        _ = try await FormData.read(request, context: context)
        return try await acting(context) {
            guard let user = try await store.account(id: id)?.user else {
                throw SafeholdError.notFound("There is no such user account.")
            }
            if user.role.needsSecondAdministrator {
                return Notice(
                    waiting: try await store.requestAccountChange(
                        .resetPassword, for: user, context: try context.audit()
                    ).summary)
            }
            let (password, hash, expires) = try await oneTimePassword()
            try await store.resetPassword(id, passwordHash: hash, expiresAt: expires, context: try context.audit())
            return Notice(username: user.username, password: password)
        }
    }

    /// Approves a request; a new or reset account's one-time password is shown to the approver only.
    func approve(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        _ = try await FormData.read(request, context: context)
        return try await acting(context) {
            let (password, hash, expires) = try await oneTimePassword()
            let approved = try await store.approveAccountRequest(
                id, newPassword: (hash, expires), context: try context.audit())
            return approved.kind == .changeRole ? nil : Notice(username: approved.username, password: password)
        }
    }

    func reject(_ request: Request, _ context: SafeholdContext, _ id: UUID) async throws -> Response {
        _ = try requireAdministrator(context)
        _ = try await FormData.read(request, context: context)
        return try await acting(context) {
            try await store.rejectAccountRequest(id, context: try context.audit())
            return nil
        }
    }

    /// Runs an action: back to the list when it has nothing to show, the list with its notice when it
    /// has, or the list with the refusal (409 / 422); 403 and 404 go to the error page.
    private func acting(_ context: SafeholdContext, _ action: () async throws -> Notice?) async throws -> Response {
        do {
            guard let notice = try await action() else { return .redirect(to: SiteRoute.users.path, type: .normal) }
            return try await page(context, notice: notice, status: notice.waiting != nil ? .accepted : .ok)
        } catch SafeholdError.conflict(let message) {
            return try await page(context, notice: Notice(problem: message), status: .conflict)
        } catch SafeholdError.invalid(let errors) {
            return try await page(context, errors: errors, status: .unprocessableContent)
        }
    }
}
