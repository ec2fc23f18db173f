import HTTPTypes

extension HTTPFields {
    /// The value of `name`, as the subscript reads it (several fields joined), but one field's
    /// value as it is: the subscript joins even a lone value through an unspecialised generic
    /// call, which every request paid for its credential and language.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}
