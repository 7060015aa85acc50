import Foundation

/// Writes a return as the CIN census XML, element by element in the order of the DfE's 2025-26
/// specification (Message, Header with CollectionDetails and Source, Children, Child with ChildIdentifiers,
/// ChildCharacteristics and CINdetails). A value that is missing is left out, never written empty; every
/// value is escaped, and a character XML 1.0 cannot carry becomes U+FFFD, so no record can break the file.
public enum CensusXML {
    public static func document(_ census: CensusReturn) -> String {
        // About 1 KB a child: one allocation for the whole file rather than one per doubling.
        var w = Writer(capacity: 4_096 + census.children.count * 1_536)
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        w.open("Message")
        header(census.header, &w)
        w.open("Children")
        for child in census.children { self.child(child, &w) }
        w.close("Children")
        w.close("Message")
        return w.text
    }

    static func header(_ h: CensusHeader, _ w: inout Writer) {
        w.open("Header")
        w.open("CollectionDetails")
        w.leaf("Collection", h.collection)
        w.leaf("Year", h.year)
        w.leaf("ReferenceDate", h.referenceDate)
        w.close("CollectionDetails")
        w.open("Source")
        w.leaf("SourceLevel", h.sourceLevel)
        w.leaf("LEA", h.lea)
        w.leaf("SoftwareCode", h.softwareCode)
        w.leaf("Release", h.release)
        w.leaf("SerialNo", h.serialNo)
        w.leaf("DateTime", h.dateTime)
        w.close("Source")
        w.close("Header")
    }

    static func child(_ c: CensusChild, _ w: inout Writer) {
        w.open("Child")
        w.open("ChildIdentifiers")
        w.leaf("LAchildID", c.laChildID)
        w.leaf("UPN", c.upn)
        w.leaf("FormerUPN", c.formerUPN)
        w.leaf("UPNunknown", c.upnUnknown)
        w.leaf("PersonBirthDate", c.birthDate)
        w.leaf("ExpectedPersonBirthDate", c.expectedBirthDate)
        w.leaf("Sex", c.sex)
        w.leaf("PersonDeathDate", c.deathDate)
        w.close("ChildIdentifiers")
        w.open("ChildCharacteristics")
        w.leaf("Ethnicity", c.ethnicity)
        w.group("Disabilities", "Disability", c.disabilities)
        w.close("ChildCharacteristics")
        for episode in c.episodes { details(episode, &w) }
        w.close("Child")
    }

    static func details(_ d: CINDetails, _ w: inout Writer) {
        w.open("CINdetails")
        w.leaf("CINreferralDate", d.referralDate)
        w.leaf("ReferralSource", d.referralSource)
        w.leaf("PrimaryNeedCode", d.primaryNeedCode)
        w.leaf("CINclosureDate", d.closureDate)
        w.leaf("ReasonForClosure", d.reasonForClosure)
        w.leaf("DateOfInitialCPC", d.dateOfInitialCPC)
        w.leaf("ReferralNFA", d.referralNFA)
        for a in d.assessments {
            w.open("Assessments")
            w.leaf("AssessmentActualStartDate", a.actualStartDate)
            w.leaf("AssessmentInternalReviewDate", a.internalReviewDate)
            w.leaf("AssessmentAuthorisationDate", a.authorisationDate)
            w.group("FactorsIdentifiedAtAssessment", "AssessmentFactors", a.factors)
            w.close("Assessments")
        }
        for p in d.cinPlans {
            w.open("CINPlanDates")
            w.leaf("CINPlanStartDate", p.startDate)
            w.leaf("CINPlanEndDate", p.endDate)
            w.close("CINPlanDates")
        }
        for s in d.section47s {
            w.open("Section47")
            w.leaf("S47ActualStartDate", s.actualStartDate)
            w.leaf("InitialCPCtarget", s.initialCPCtarget)
            w.leaf("DateOfInitialCPC", s.dateOfInitialCPC)
            w.leaf("ICPCnotRequired", s.icpcNotRequired)
            w.close("Section47")
        }
        for p in d.protectionPlans { plan(p, &w) }
        w.close("CINdetails")
    }

    static func plan(_ p: CensusProtectionPlan, _ w: inout Writer) {
        w.open("ChildProtectionPlans")
        w.leaf("CPPstartDate", p.startDate)
        w.leaf("CPPendDate", p.endDate)
        w.leaf("InitialCategoryOfAbuse", p.initialCategoryOfAbuse)
        w.leaf("LatestCategoryOfAbuse", p.latestCategoryOfAbuse)
        w.leaf("NumberOfPreviousCPP", p.numberOfPreviousCPP.map(String.init))
        if !p.reviewDates.isEmpty {
            // A review without a date is still a review: an empty element.
            w.open("Reviews")
            for date in p.reviewDates { w.element("CPPreviewDate", date) }
            w.close("Reviews")
        }
        w.close("ChildProtectionPlans")
    }
}
