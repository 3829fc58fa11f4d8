extension MachineDeployment {
    public func validate() -> [FieldProblem] {
        let path = FieldPath("spec")
        var problems = self.metadata.validate()
        problems += self.spec.selector.validate(at: path.child("selector"))
        let templatePath = path.child("template")
        let labels = self.spec.template.metadata?.labels
        problems += LabelRules.labelProblems(labels, at: templatePath.child("metadata").child("labels"))
        problems += LabelRules.annotationProblems(
            self.spec.template.metadata?.annotations, at: templatePath.child("metadata").child("annotations"))
        if self.spec.selector.isEmpty {
            problems.append(FieldProblem(path.child("selector"), "must not be empty (it would match every Machine)"))
        } else if !self.spec.selector.matches(labels) {
            problems.append(
                FieldProblem(
                    path.child("selector"),
                    "does not match spec.template.metadata.labels (Machines created from the template would not belong to this deployment)"
                ))
        }
        problems += self.spec.template.spec.validate(at: templatePath.child("spec"))
        if self.spec.template.spec.clusterName != self.spec.clusterName {
            problems.append(
                FieldProblem(
                    templatePath.child("spec").child("clusterName"),
                    "must equal spec.clusterName \"\(self.spec.clusterName)\" (got \"\(self.spec.template.spec.clusterName)\")"
                ))
        }
        return problems
    }
}
