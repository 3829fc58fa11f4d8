extension Event {
    public func validate() -> [FieldProblem] {
        var problems = self.metadata.validate()
        if (self.involvedObject.name ?? "").isEmpty {
            problems.append(FieldProblem("involvedObject.name", "required field missing"))
        }
        if let namespace = self.involvedObject.namespace, !namespace.isEmpty, namespace != self.namespace {
            problems.append(
                FieldProblem("involvedObject.namespace", "must match the event's namespace \"\(self.namespace)\""))
        }
        return problems
    }
}
