import Foundation

/// The side of a body outline a mark is on.
public enum BodySide: String, CaseIterable, Codable, Sendable {
    case front, back

    public var label: String { self == .front ? "Front" : "Back" }
}

/// A region of the body on the body map's code list, with where it sits on its outline (a 200 x 440
/// drawing; on the front the child's right is on the viewer's left, on the back on the viewer's right).
public struct BodySite: Hashable, Codable, Sendable {
    public let code: String
    public let label: String
    public let side: BodySide
    public let x: Int
    public let y: Int

    init(_ code: String, _ label: String, _ side: BodySide, _ x: Int, _ y: Int) {
        self.code = code
        self.label = label
        self.side = side
        self.x = x
        self.y = y
    }

    /// The site with `code`, or nil when it is not on the list.
    public static func named(_ code: String) -> BodySite? { byCode[code] }

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Every site, front then back, head to foot.
    public static let all: [BodySite] = [
        BodySite("forehead", "Forehead", .front, 100, 24),
        BodySite("face", "Face and cheeks", .front, 100, 46),
        BodySite("ear_right", "Right ear", .front, 71, 42),
        BodySite("ear_left", "Left ear", .front, 129, 42),
        BodySite("neck_front", "Neck (front)", .front, 100, 80),
        BodySite("chest", "Chest", .front, 100, 115),
        BodySite("abdomen", "Abdomen", .front, 100, 170),
        BodySite("genital_area", "Genital area", .front, 100, 225),
        BodySite("upper_arm_right_front", "Right upper arm (front)", .front, 55, 125),
        BodySite("upper_arm_left_front", "Left upper arm (front)", .front, 145, 125),
        BodySite("forearm_right_front", "Right forearm (front)", .front, 47, 195),
        BodySite("forearm_left_front", "Left forearm (front)", .front, 153, 195),
        BodySite("hand_right_palm", "Right palm", .front, 42, 250),
        BodySite("hand_left_palm", "Left palm", .front, 158, 250),
        BodySite("thigh_right_front", "Right thigh (front)", .front, 84, 275),
        BodySite("thigh_left_front", "Left thigh (front)", .front, 116, 275),
        BodySite("knee_right", "Right knee", .front, 84, 330),
        BodySite("knee_left", "Left knee", .front, 116, 330),
        BodySite("shin_right", "Right shin", .front, 84, 375),
        BodySite("shin_left", "Left shin", .front, 116, 375),
        BodySite("foot_right_top", "Top of right foot", .front, 82, 420),
        BodySite("foot_left_top", "Top of left foot", .front, 118, 420),
        BodySite("scalp", "Scalp (back of head)", .back, 100, 34),
        BodySite("neck_back", "Back of neck", .back, 100, 80),
        BodySite("upper_back", "Upper back and shoulders", .back, 100, 120),
        BodySite("lower_back", "Lower back", .back, 100, 185),
        BodySite("buttocks", "Buttocks", .back, 100, 228),
        BodySite("upper_arm_left_back", "Left upper arm (back)", .back, 55, 125),
        BodySite("upper_arm_right_back", "Right upper arm (back)", .back, 145, 125),
        BodySite("forearm_left_back", "Left forearm (back)", .back, 47, 195),
        BodySite("forearm_right_back", "Right forearm (back)", .back, 153, 195),
        BodySite("hand_left_back", "Back of left hand", .back, 42, 250),
        BodySite("hand_right_back", "Back of right hand", .back, 158, 250),
        BodySite("thigh_left_back", "Left thigh (back)", .back, 84, 280),
        BodySite("thigh_right_back", "Right thigh (back)", .back, 116, 280),
        BodySite("calf_left", "Left calf", .back, 84, 370),
        BodySite("calf_right", "Right calf", .back, 116, 370),
        BodySite("sole_left", "Sole of left foot", .back, 82, 420),
        BodySite("sole_right", "Sole of right foot", .back, 118, 420),
    ]
}

/// What a mark on the body looks like.
public enum MarkType: String, CaseIterable, Codable, Sendable {
    case bruise, burn, scald, cut, graze
    case biteMark = "bite_mark"
    case scratch, swelling, scar, rash
    case unknown

    public var label: String {
        switch self {
        case .bruise: "Bruise"
        case .burn: "Burn"
        case .scald: "Scald"
        case .cut: "Cut"
        case .graze: "Graze"
        case .biteMark: "Bite mark"
        case .scratch: "Scratch"
        case .swelling: "Swelling"
        case .scar: "Scar"
        case .rash: "Rash"
        case .unknown: "Mark of unknown kind"
        }
    }
}
