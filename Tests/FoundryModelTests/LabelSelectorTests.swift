import FoundryModel
import Testing

struct LabelSelectorTests {
    static let labels = ["rack": "r1", "role": "worker", "zone": "a"]

    @Test(arguments: [
        ("", true),
        ("rack=r1", true),
        ("rack==r1", true),
        ("rack=r2", false),
        ("rack!=r2", true),
        ("rack!=r1", false),
        ("missing!=x", true),
        ("role in (worker,storage)", true),
        ("role in (storage)", false),
        ("role notin (control-plane)", true),
        ("role notin (worker)", false),
        ("missing notin (x)", true),
        ("zone", true),
        ("missing", false),
        ("!missing", true),
        ("!zone", false),
        ("rack=r1,role in (worker),!gpu,zone", true),
        ("rack=r1, role notin ( worker , x )", false),
        ("example.com/tier=gold", false),
    ])
    func kubectlSyntaxMatchesAsKubernetesDoes(_ selector: String, _ expected: Bool) throws {
        let parsed = try LabelSelector.parse(selector)
        #expect(parsed.matches(Self.labels) == expected)
    }

    @Test(arguments: [
        ("rack=", "rack", true),
        ("a=b,c!=d,e in (x,y),f notin (z),g,!h", "a=b,c!=d,e in (x,y),f notin (z),g,!h", true),
    ])
    func descriptionReadsBack(_ text: String, _ unused: String, _ flag: Bool) throws {
        let parsed = try LabelSelector.parse(text)
        #expect(try LabelSelector.parse(parsed.description) == parsed)
        _ = (unused, flag)
    }

    @Test func theIssueExampleParsesIntoSixRequirements() throws {
        let selector = try LabelSelector.parse("a=b,c!=d,e in (x,y),f notin (z),g,!h")
        #expect(
            selector.requirements == [
                LabelSelectorRequirement(key: "a", operator: .in, values: ["b"]),
                LabelSelectorRequirement(key: "c", operator: .notIn, values: ["d"]),
                LabelSelectorRequirement(key: "e", operator: .in, values: ["x", "y"]),
                LabelSelectorRequirement(key: "f", operator: .notIn, values: ["z"]),
                LabelSelectorRequirement(key: "g", operator: .exists),
                LabelSelectorRequirement(key: "h", operator: .doesNotExist),
            ])
        #expect(selector.matches(["a": "b", "e": "y", "g": ""]))
        #expect(!selector.matches(["a": "b", "e": "y", "g": "", "h": "1"]))
    }

    @Test(arguments: [
        ("a=b,", "expected a label key"),
        ("a in x", "expected \"(\" after in/notin"),
        ("a in ()", "in/notin needs at least one value"),
        ("a in (x", "expected \",\" or \")\" in value list"),
        ("a foo b", "unknown operator \"foo\""),
        ("-bad=x", "key \"-bad\""),
        ("a=b c", "expected \",\" between requirements"),
        ("a=" + String(repeating: "v", count: 64), "no more than 63 characters"),
        ("a/b/c=x", "key \"a/b/c\""),
    ])
    func badSelectorsSayWhereAndWhy(_ text: String, _ reason: String) {
        #expect {
            try LabelSelector.parse(text)
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".contains("at character")
        }
    }

    @Test func matchLabelsAndExpressionsAllMustHold() {
        let selector = LabelSelector(
            matchLabels: ["role": "worker"],
            matchExpressions: [LabelSelectorRequirement(key: "rack", operator: .in, values: ["r1", "r2"])])
        #expect(selector.matches(["role": "worker", "rack": "r2"]))
        #expect(!selector.matches(["role": "worker", "rack": "r3"]))
        #expect(!selector.matches(["rack": "r1"]))
        #expect(LabelSelector().matches(nil))
    }

    @Test func selectorValidationNamesTheField() {
        let selector = LabelSelector(
            matchLabels: ["bad key!": "x"],
            matchExpressions: [
                LabelSelectorRequirement(key: "a", operator: .in, values: []),
                LabelSelectorRequirement(key: "b", operator: .exists, values: ["x"]),
            ])
        let problems = selector.validate(at: "spec.hostSelector").map(\.description)
        #expect(problems.count == 3)
        #expect(problems[0].hasPrefix("spec.hostSelector.matchLabels[\"bad key!\"]: invalid key"))
        #expect(problems[1] == "spec.hostSelector.matchExpressions[0].values: must list at least one value for In")
        #expect(problems[2] == "spec.hostSelector.matchExpressions[1].values: must be empty for Exists")
    }
}
