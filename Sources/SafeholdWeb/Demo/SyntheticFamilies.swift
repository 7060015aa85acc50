import Foundation
import SafeholdCore
import SafeholdSeeding
import SafeholdStore

/// Makes synthetic families: children (and some unborn), their parents, carers and relatives, with
/// valid-looking but synthetic identifiers (NHS numbers in the 999 test range). No real person.
public struct SyntheticFamilies {
    static let familyNames = [
        "Ashdown", "Brackley", "Carrow", "Dunmore", "Elsworth", "Fairbairn", "Garside", "Holloway",
        "Ingleby", "Jessop", "Kettering", "Lumley", "Marchbank", "Northcott", "Oakridge", "Pendleby", "Quarrie",
        "Rushworth",
        "Stanwick", "Thackeray", "Underwood", "Varley", "Whitlock", "Yardley", "Abernathy", "Bellamy", "Cresswell",
        "Dobson",
        "Eastwood", "Fenwick", "Greaves", "Hartley", "Iqbal", "Jaswal", "Kowalczyk", "Lindqvist", "Mensah", "Nwachukwu",
        "Okafor", "Petrescu", "Quraishi", "Rahman", "Sandhu", "Tiwari", "Uddin", "Vasquez", "Wojcik", "Yilmaz",
        "Zielinski",
        "O'Rourke", "McAllister", "Nuñez", "Achterberg", "Brightwell", "Coldwell", "Dunstable", "Everleigh", "Foxley",
        "Gillingham", "Hawthorne", "Ivesdale", "Kirkbride", "Langstaff", "Merriweather", "Netherby", "Ormsby",
        "Pickersgill",
    ]
    static let girls = [
        "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Willow", "Rosie", "Sophia",
        "Aisha", "Zara", "Maya", "Evie", "Phoebe", "Ruby", "Layla", "Hana", "Nadia", "Oluwaseun", "Chioma", "Agnieszka",
        "Siobhan",
    ]
    static let boys = [
        "Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harry", "Theo", "Jack", "Charlie", "Freddie",
        "Alfie", "Muhammad", "Ibrahim", "Yusuf", "Kacper", "Tomasz", "Kwame", "Tobi", "Rhys", "Callum", "Declan",
        "Ravi", "Arjun",
    ]
    static let towns = ["Northbridge", "Eastmere", "Westholm", "Southvale"]
    static let streets = [
        "Canal Street", "Mill Lane", "Station Road", "Orchard Close", "Victoria Terrace", "Hill View",
        "Chapel Row", "Brook Way", "Foundry Court", "Larch Avenue",
    ]
    static let ethnicities = [
        "WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "AIND", "APKN", "ABAN", "BAFR", "BCRB", "CHNE", "WROM", "NOBT",
    ]
    static let languages = [
        "English", "English", "English", "English", "Polish", "Urdu", "Bengali", "Romanian", "Somali", "Arabic",
    ]

    /// One family: its people (children first) and the links between them.
    public struct Family {
        public var people: [PersonDetails] = []
        public var links: [BulkLink] = []
        public var childCount = 0
    }

    var random: SeededRandom
    let today: LocalDate
    var serial = 0

    public init(seed: UInt64, today: LocalDate) {
        random = SeededRandom(seed: seed)
        self.today = today
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    /// A given name nobody else in the family has.
    mutating func givenName(_ names: [String], avoiding used: inout Set<String>) -> String {
        var name = pick(names)
        for _ in 0..<20 where used.contains(name) { name = pick(names) }
        used.insert(name)
        return name
    }
    mutating func chance(_ p: Double) -> Bool { Double(random.next() % 10_000) / 10_000 < p }
    mutating func number(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    mutating func nhsNumber() -> String? {
        for _ in 0..<5 {
            if let nhs = NHSNumber.withCheckDigit(nine: "999" + String(format: "%06d", number(0...999_999))) {
                return nhs.digits
            }
        }
        return nil
    }

    mutating func upn(born: LocalDate) -> String? {
        serial += 1
        let body =
            "999" + String(format: "%04d", number(2000...2999)) + String(format: "%02d", (born.year + 5) % 100)
            + String(format: "%03d", serial % 1000)
        return UniquePupilNumber.withCheckLetter(body: body)?.value
    }

    mutating func address(from: LocalDate) -> Address {
        let town = pick(Self.towns)
        return Address(
            line1: "\(number(1...180)) \(pick(Self.streets))", town: town,
            postcode:
                "NB\(number(1...19)) \(number(1...9))"
                + "\(pick(["A", "B", "D", "E", "F", "G", "H", "J"]))\(pick(["L", "N", "P", "Q", "R", "S", "T", "U"]))",
            from: from)
    }

    /// A family with one to four children, a mother, often a father and sometimes others.
    public mutating func next() -> Family {
        var family = Family()
        var used: Set<String> = []
        let surname = pick(Self.familyNames)
        let ethnicity = pick(Self.ethnicities)
        let language = pick(Self.languages)
        let home = address(from: today.adding(days: -number(100...3000)))
        let motherBorn = today.adding(days: -number(20 * 365...42 * 365))
        var mother = PersonDetails(
            kind: .adult, givenName: givenName(Self.girls, avoiding: &used), familyName: surname,
            dateOfBirth: motherBorn,
            sex: .female, ethnicity: ethnicity, firstLanguage: language,
            interpreterNeeded: language != "English" && chance(0.4), nhsNumber: nhsNumber(),
            addresses: [home], phone: "07700 9\(String(format: "%05d", number(0...99_999)))")
        if chance(0.15) {
            mother.aliases = [
                Alias(givenName: mother.givenName ?? "", familyName: pick(Self.familyNames), kind: .former)
            ]
        }
        let childTotal = number(1...4)
        for _ in 0..<childTotal {
            let girl = chance(0.5)
            // Born when the mother was 17 or older, and under 18 now.
            let earliest = max(motherBorn.adding(days: 17 * 366), today.adding(days: -17 * 365))
            let born = today.adding(days: -number(30...max(31, today.daysSinceEpoch - earliest.daysSinceEpoch)))
            var child = PersonDetails(
                kind: .child, givenName: givenName(girl ? Self.girls : Self.boys, avoiding: &used), familyName: surname,
                dateOfBirth: born, sex: girl ? .female : .male, ethnicity: ethnicity, firstLanguage: language,
                disabilities: chance(0.1) ? [pick(["LD", "AUT", "COMM", "BEH", "HEAR"])] : ["NONE"],
                nhsNumber: nhsNumber(), addresses: [home])
            if born.years(until: today) >= 5 { child.upn = upn(born: born) }
            family.people.append(child)
        }
        if chance(0.08) {
            family.people.append(
                PersonDetails(
                    kind: .unborn, givenName: nil, familyName: surname,
                    expectedDateOfBirth: today.adding(days: number(20...200)), sex: .unknown))
        }
        family.childCount = family.people.count
        let motherIndex = family.people.count
        family.people.append(mother)
        for c in 0..<family.childCount {
            family.links.append(
                BulkLink(from: motherIndex, to: c, kind: .mother, parentalResponsibility: true, livesTogether: true))
            for s in 0..<c {
                family.links.append(
                    BulkLink(from: s, to: c, kind: .sibling, parentalResponsibility: false, livesTogether: true))
            }
        }
        if chance(0.7) {
            let livesWith = chance(0.5)
            let father = PersonDetails(
                kind: .adult, givenName: givenName(Self.boys, avoiding: &used),
                familyName: chance(0.7) ? surname : pick(Self.familyNames),
                dateOfBirth: motherBorn.adding(days: -number(0...3000)), sex: .male, ethnicity: ethnicity,
                firstLanguage: language, nhsNumber: nhsNumber(),
                addresses: [livesWith ? home : address(from: today.adding(days: -number(100...2000)))])
            let fatherIndex = family.people.count
            family.people.append(father)
            for c in 0..<family.childCount where family.people[c].kind == .child {
                family.links.append(
                    BulkLink(
                        from: fatherIndex, to: c, kind: .father, parentalResponsibility: chance(0.8),
                        livesTogether: livesWith))
            }
        } else if chance(0.5) {
            let partner = PersonDetails(
                kind: .adult, givenName: givenName(Self.boys, avoiding: &used), familyName: pick(Self.familyNames),
                dateOfBirth: today.adding(days: -number(20 * 365...45 * 365)), sex: .male, addresses: [home])
            let partnerIndex = family.people.count
            family.people.append(partner)
            for c in 0..<family.childCount {
                family.links.append(
                    BulkLink(
                        from: partnerIndex, to: c, kind: .partnerOfParent, parentalResponsibility: false,
                        livesTogether: true))
            }
        }
        if chance(0.3) {
            let gran = PersonDetails(
                kind: .adult, givenName: givenName(Self.girls, avoiding: &used), familyName: surname,
                dateOfBirth: motherBorn.adding(days: -number(18 * 365...30 * 365)), sex: .female,
                addresses: [address(from: today.adding(days: -number(1000...9000)))])
            let granIndex = family.people.count
            family.people.append(gran)
            for c in 0..<family.childCount {
                family.links.append(
                    BulkLink(
                        from: granIndex, to: c, kind: .grandparent, parentalResponsibility: false, livesTogether: false)
                )
            }
        }
        return family
    }
}
