extension Machine {
    public func validate() -> [FieldProblem] {
        self.metadata.validate() + self.spec.validate(at: "spec")
    }
}

extension MachineSpec {
    func validate(at path: FieldPath) -> [FieldProblem] {
        var problems = LabelRules.dns1123SubdomainProblems(self.clusterName).map {
            FieldProblem(path.child("clusterName"), "invalid cluster name \"\(self.clusterName)\": \($0)")
        }
        if let image = self.image {
            problems += image.validate(at: path.child("image"))
        }
        if let selector = self.hostSelector {
            problems += selector.validate(at: path.child("hostSelector"))
        }
        if let name = self.bootstrap?.dataSecretName {
            problems += LabelRules.dns1123SubdomainProblems(name).map {
                FieldProblem(path.child("bootstrap").child("dataSecretName"), "invalid Secret name \"\(name)\": \($0)")
            }
        }
        return problems
    }
}
