import Foundation
import Hummingbird

/// The one route table: every page's path pattern for the router, and its link for templates.
public enum SiteRoute {
    case home, login, loginSecondFactor, enrolSecondFactor, changePassword, logout
    case search, newPerson, person(UUID), editPerson(UUID), addRelationship(UUID), accessLog(UUID)
    case apiTokens, stylesheet, script
    case contacts, newContact, contact(UUID), due, newStep(UUID, String)
    case chronology(UUID), addNote(UUID), noteSearch, users

    /// The concrete path, for links and redirects.
    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .loginSecondFactor: "/login/code"
        case .enrolSecondFactor: "/account/second-factor"
        case .changePassword: "/account/password"
        case .logout: "/logout"
        case .search: "/search"
        case .newPerson: "/people/new"
        case .person(let id): "/people/\(id.uuidString)"
        case .editPerson(let id): "/people/\(id.uuidString)/edit"
        case .addRelationship(let id): "/people/\(id.uuidString)/relationships/new"
        case .accessLog(let id): "/people/\(id.uuidString)/access-log"
        case .apiTokens: "/account/tokens"
        case .contacts: "/contacts"
        case .newContact: "/contacts/new"
        case .contact(let id): "/contacts/\(id.uuidString)"
        case .due: "/due"
        case .chronology(let id): "/people/\(id.uuidString)/chronology"
        case .addNote(let id): "/people/\(id.uuidString)/notes"
        case .noteSearch: "/notes"
        case .users: "/admin/users"
        case .newStep(let episode, let kind): "/episodes/\(episode.uuidString)/steps/new?kind=\(kind)"
        case .stylesheet: "/static/safehold.css"
        case .script: "/static/safehold.js"
        }
    }

    /// The path as the router registers it.
    public var routerPath: RouterPath { RouterPath(path) }

    /// Router patterns, with `{id}` where a record id goes.
    public enum Pattern {
        public static let person: RouterPath = "/people/{id}"
        public static let editPerson: RouterPath = "/people/{id}/edit"
        public static let addRelationship: RouterPath = "/people/{id}/relationships/new"
        public static let accessLog: RouterPath = "/people/{id}/access-log"
        public static let contact: RouterPath = "/contacts/{id}"
        public static let chronology: RouterPath = "/people/{id}/chronology"
        public static let chronologyAnalysis: RouterPath = "/people/{id}/chronology/{entry}/analysis"
        public static let addNote: RouterPath = "/people/{id}/notes"
        public static let newStep: RouterPath = "/episodes/{id}/steps/new"
        public static let authoriseStep: RouterPath = "/episodes/{id}/steps/{step}/authorise"
        public static let planActions: RouterPath = "/episodes/{id}/actions"
        public static let planAction: RouterPath = "/episodes/{id}/actions/{action}"
        public static let coreGroup: RouterPath = "/episodes/{id}/core-group"
        public static let primaryNeed: RouterPath = "/episodes/{id}/primary-need"
    }

    /// API paths under `/api/v1`.
    public enum API {
        public static let root = "/api/v1"
        public static let openAPI: RouterPath = "/api/v1/openapi.json"
        public static let me: RouterPath = "/api/v1/me"
        public static let caseload: RouterPath = "/api/v1/caseload"
        public static let people: RouterPath = "/api/v1/people"
        public static let person: RouterPath = "/api/v1/people/{id}"
        public static let relationships: RouterPath = "/api/v1/people/{id}/relationships"
        public static let accessLog: RouterPath = "/api/v1/people/{id}/access-log"
    }
}
