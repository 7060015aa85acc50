import Foundation
import SafeholdCore
import Testing

/// The census XML written in full, byte for byte, for a small return that uses every element.
@Suite("CIN census: the XML document")
struct CensusXMLTests {
    static func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let header = CensusHeader(
        year: "2026", referenceDate: d("2026-03-31"), lea: "123", softwareCode: "Safehold", release: "1.0",
        serialNo: "1", dateTime: "2026-05-01T09:05:00")

    /// A child with every identifier, an episode with every group, and a child with a referral that led to
    /// no further action whose id needs escaping (markup, a control character, accents and an emoji).
    static let census = CensusReturn(
        header: header,
        children: [
            CensusChild(
                laChildID: "SH000123", upn: "A123456789012", formerUPN: "B123456789012", upnUnknown: "UN2",
                birthDate: d("2014-03-01"), expectedBirthDate: d("0999-01-02"), sex: "M",
                deathDate: d("2026-01-05"), ethnicity: "WBRI", disabilities: ["HAND", "HEAR"],
                episodes: [
                    CINDetails(
                        referralDate: d("2025-04-14"), referralSource: "1A", primaryNeedCode: "N1",
                        closureDate: d("2026-02-01"), reasonForClosure: "RC1", dateOfInitialCPC: d("2025-05-06"),
                        referralNFA: "false",
                        assessments: [
                            CensusAssessment(
                                actualStartDate: d("2025-04-14"), internalReviewDate: d("2025-05-01"),
                                authorisationDate: d("2025-05-20"), factors: ["3B", "16A"]),
                            CensusAssessment(actualStartDate: d("2025-09-01"), authorisationDate: nil, factors: []),
                        ],
                        cinPlans: [CINPlanDates(startDate: d("2025-06-01"), endDate: nil)],
                        section47s: [
                            CensusSection47(
                                actualStartDate: d("2025-04-15"), initialCPCtarget: d("2025-05-06"),
                                dateOfInitialCPC: d("2025-05-06"), icpcNotRequired: "false")
                        ],
                        protectionPlans: [
                            CensusProtectionPlan(
                                startDate: d("2025-05-06"), endDate: d("2026-01-29"), initialCategoryOfAbuse: "NEG",
                                latestCategoryOfAbuse: "PHY", numberOfPreviousCPP: 2,
                                reviewDates: [d("2025-08-06"), nil, d("2026-01-29")]),
                            CensusProtectionPlan(
                                startDate: d("2026-02-01"), endDate: nil, initialCategoryOfAbuse: nil,
                                latestCategoryOfAbuse: nil, numberOfPreviousCPP: nil, reviewDates: []),
                        ])
                ]),
            CensusChild(
                laChildID: "A&B<1>\"'\u{0001}\té😀", upnUnknown: "UN7", sex: "F", ethnicity: nil, disabilities: [],
                episodes: [
                    CINDetails(
                        referralDate: d("2025-10-10"), referralSource: "5D", primaryNeedCode: nil, referralNFA: "true")
                ]),
        ])

    static let expected = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Message>
          <Header>
            <CollectionDetails>
              <Collection>CIN</Collection>
              <Year>2026</Year>
              <ReferenceDate>2026-03-31</ReferenceDate>
            </CollectionDetails>
            <Source>
              <SourceLevel>L</SourceLevel>
              <LEA>123</LEA>
              <SoftwareCode>Safehold</SoftwareCode>
              <Release>1.0</Release>
              <SerialNo>1</SerialNo>
              <DateTime>2026-05-01T09:05:00</DateTime>
            </Source>
          </Header>
          <Children>
            <Child>
              <ChildIdentifiers>
                <LAchildID>SH000123</LAchildID>
                <UPN>A123456789012</UPN>
                <FormerUPN>B123456789012</FormerUPN>
                <UPNunknown>UN2</UPNunknown>
                <PersonBirthDate>2014-03-01</PersonBirthDate>
                <ExpectedPersonBirthDate>0999-01-02</ExpectedPersonBirthDate>
                <Sex>M</Sex>
                <PersonDeathDate>2026-01-05</PersonDeathDate>
              </ChildIdentifiers>
              <ChildCharacteristics>
                <Ethnicity>WBRI</Ethnicity>
                <Disabilities>
                  <Disability>HAND</Disability>
                  <Disability>HEAR</Disability>
                </Disabilities>
              </ChildCharacteristics>
              <CINdetails>
                <CINreferralDate>2025-04-14</CINreferralDate>
                <ReferralSource>1A</ReferralSource>
                <PrimaryNeedCode>N1</PrimaryNeedCode>
                <CINclosureDate>2026-02-01</CINclosureDate>
                <ReasonForClosure>RC1</ReasonForClosure>
                <DateOfInitialCPC>2025-05-06</DateOfInitialCPC>
                <ReferralNFA>false</ReferralNFA>
                <Assessments>
                  <AssessmentActualStartDate>2025-04-14</AssessmentActualStartDate>
                  <AssessmentInternalReviewDate>2025-05-01</AssessmentInternalReviewDate>
                  <AssessmentAuthorisationDate>2025-05-20</AssessmentAuthorisationDate>
                  <FactorsIdentifiedAtAssessment>
                    <AssessmentFactors>3B</AssessmentFactors>
                    <AssessmentFactors>16A</AssessmentFactors>
                  </FactorsIdentifiedAtAssessment>
                </Assessments>
                <Assessments>
                  <AssessmentActualStartDate>2025-09-01</AssessmentActualStartDate>
                </Assessments>
                <CINPlanDates>
                  <CINPlanStartDate>2025-06-01</CINPlanStartDate>
                </CINPlanDates>
                <Section47>
                  <S47ActualStartDate>2025-04-15</S47ActualStartDate>
                  <InitialCPCtarget>2025-05-06</InitialCPCtarget>
                  <DateOfInitialCPC>2025-05-06</DateOfInitialCPC>
                  <ICPCnotRequired>false</ICPCnotRequired>
                </Section47>
                <ChildProtectionPlans>
                  <CPPstartDate>2025-05-06</CPPstartDate>
                  <CPPendDate>2026-01-29</CPPendDate>
                  <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
                  <LatestCategoryOfAbuse>PHY</LatestCategoryOfAbuse>
                  <NumberOfPreviousCPP>2</NumberOfPreviousCPP>
                  <Reviews>
                    <CPPreviewDate>2025-08-06</CPPreviewDate>
                    <CPPreviewDate></CPPreviewDate>
                    <CPPreviewDate>2026-01-29</CPPreviewDate>
                  </Reviews>
                </ChildProtectionPlans>
                <ChildProtectionPlans>
                  <CPPstartDate>2026-02-01</CPPstartDate>
                </ChildProtectionPlans>
              </CINdetails>
            </Child>
            <Child>
              <ChildIdentifiers>
                <LAchildID>A&amp;B&lt;1&gt;&quot;&apos;\u{FFFD}\té😀</LAchildID>
                <UPNunknown>UN7</UPNunknown>
                <Sex>F</Sex>
              </ChildIdentifiers>
              <ChildCharacteristics>
              </ChildCharacteristics>
              <CINdetails>
                <CINreferralDate>2025-10-10</CINreferralDate>
                <ReferralSource>5D</ReferralSource>
                <ReferralNFA>true</ReferralNFA>
              </CINdetails>
            </Child>
          </Children>
        </Message>

        """

    @Test("A small return's XML is exactly the expected document, byte for byte")
    func wholeDocument() {
        let xml = CensusXML.document(Self.census)
        #expect(Array(xml.utf8) == Array(Self.expected.utf8))
        if xml != Self.expected {
            let got = xml.split(separator: "\n", omittingEmptySubsequences: false)
            let want = Self.expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("first difference at line \((first?.offset ?? min(got.count, want.count)) + 1)")
        }
    }
}
