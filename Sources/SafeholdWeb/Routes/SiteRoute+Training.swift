import Foundation
import Hummingbird

/// The training and accreditation register, its team view and the overrides of the accreditation gates, in
/// the pages and under `/api/v1`.
extension SiteRoute {
    public static let myTraining = Route("me", "training")
    public static let workforceTraining = Route("workforce", "training")
    public static let workerTraining = workforceTraining / id
    public static let trainingOverrides = Route("workforce", "overrides")
}

extension SiteRoute.API {
    public static let trainingCourses = root / "training" / "courses"
    public static let myTraining = me / "training"
    public static let workforceTraining = root / "workforce" / "training"
    public static let userTraining = root / "users" / SiteRoute.id / "training"
    public static let trainingOverrides = root / "workforce" / "overrides"
}
