extension Cluster {
    public func validate() -> [FieldProblem] {
        let path = FieldPath("spec")
        // The name becomes part of Machine and MachineDeployment names, hence the shorter rule.
        var problems = self.metadata.validate(nameRule: .dns1123Label)
        problems += self.spec.image.validate(at: path.child("image"))
        let controlPlane = self.spec.controlPlane
        let controlPlanePath = path.child("controlPlane")
        if controlPlane.replicas >= 1, controlPlane.replicas % 2 == 0 {
            problems.append(
                FieldProblem(
                    controlPlanePath.child("replicas"),
                    "must be odd (got \(controlPlane.replicas)): etcd needs a majority of control plane nodes"))
        }
        problems += controlPlane.hostSelector?.validate(at: controlPlanePath.child("hostSelector")) ?? []
        problems += controlPlane.image?.validate(at: controlPlanePath.child("image")) ?? []
        var poolNames: Set<String> = []
        for (index, pool) in (self.spec.workers ?? []).enumerated() {
            let poolPath = path.child("workers").index(index)
            problems += LabelRules.dns1123LabelProblems(pool.name).map {
                FieldProblem(poolPath.child("name"), "invalid pool name \"\(pool.name)\": \($0)")
            }
            if !poolNames.insert(pool.name).inserted {
                problems.append(FieldProblem(poolPath.child("name"), "duplicate worker pool name \"\(pool.name)\""))
            }
            problems += pool.hostSelector?.validate(at: poolPath.child("hostSelector")) ?? []
            problems += pool.image?.validate(at: poolPath.child("image")) ?? []
        }
        return problems
    }
}
