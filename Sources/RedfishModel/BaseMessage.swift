import Foundation

/// The messages of DMTF's Base registry (Base.1.22) that this project sends or looks for.
public enum BaseMessage: String, Sendable, Hashable, CaseIterable {
    case success = "Success"
    case created = "Created"
    case generalError = "GeneralError"
    case noValidSession = "NoValidSession"
    case insufficientPrivilege = "InsufficientPrivilege"
    case resourceMissingAtURI = "ResourceMissingAtURI"
    case malformedJSON = "MalformedJSON"
    case propertyValueNotInList = "PropertyValueNotInList"
    case propertyValueTypeError = "PropertyValueTypeError"
    case propertyValueFormatError = "PropertyValueFormatError"
    case propertyUnknown = "PropertyUnknown"
    case propertyNotWritable = "PropertyNotWritable"
    case propertyMissing = "PropertyMissing"
    case actionParameterMissing = "ActionParameterMissing"
    case actionParameterValueNotInList = "ActionParameterValueNotInList"
    case actionParameterUnknown = "ActionParameterUnknown"
    case actionParameterValueFormatError = "ActionParameterValueFormatError"
    case actionParameterValueTypeError = "ActionParameterValueTypeError"
    case actionNotSupported = "ActionNotSupported"
    case operationNotAllowed = "OperationNotAllowed"
    case preconditionFailed = "PreconditionFailed"
    case serviceTemporarilyUnavailable = "ServiceTemporarilyUnavailable"
    case payloadTooLarge = "PayloadTooLarge"
    case resourceInUse = "ResourceInUse"
    case createFailedMissingReqProperties = "CreateFailedMissingReqProperties"
    case queryNotSupported = "QueryNotSupported"
    case noOperation = "NoOperation"

    public static let registryPrefix = "Base.1.22"

    /// `Base.1.22.ResourceMissingAtURI`.
    public var messageID: String { "\(Self.registryPrefix).\(self.rawValue)" }

    /// The registry's text, with `%1`, `%2`... for the arguments.
    public var template: String {
        switch self {
        case .success: "The request completed successfully."
        case .created: "The resource was created successfully."
        case .generalError:
            "A general error has occurred.  See Resolution for information on how to resolve the error, or @Message.ExtendedInfo if Resolution is not provided."
        case .noValidSession: "There is no valid session established with the implementation."
        case .insufficientPrivilege:
            "There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation."
        case .resourceMissingAtURI: "The resource at the URI '%1' was not found."
        case .malformedJSON:
            "The request body submitted was malformed JSON and could not be parsed by the receiving service."
        case .propertyValueNotInList: "The value '%1' for the property %2 is not in the list of acceptable values."
        case .propertyValueTypeError: "The value '%1' for the property %2 is not a type that the property can accept."
        case .propertyValueFormatError:
            "The value '%1' for the property %2 is not a format that the property can accept."
        case .propertyUnknown: "The property %1 is not in the list of valid properties for the resource."
        case .propertyNotWritable: "The property %1 is a read-only property and cannot be assigned a value."
        case .propertyMissing: "The property %1 is a required property and must be included in the request."
        case .actionParameterMissing: "The action %1 requires the parameter %2 to be present in the request body."
        case .actionParameterValueNotInList:
            "The value '%1' for the parameter %2 in the action %3 is not in the list of acceptable values."
        case .actionParameterUnknown: "The action %1 was submitted with the invalid parameter %2."
        case .actionParameterValueFormatError:
            "The value '%1' for the parameter %2 in the action %3 is not a format that the parameter can accept."
        case .actionParameterValueTypeError:
            "The value '%1' for the parameter %2 in the action %3 is not a type that the parameter can accept."
        case .actionNotSupported: "The action %1 is not supported by the resource."
        case .operationNotAllowed: "The HTTP method is not allowed on this resource."
        case .preconditionFailed: "The ETag supplied did not match the ETag required to change this resource."
        case .serviceTemporarilyUnavailable: "The service is temporarily unavailable.  Retry in %1 seconds."
        case .payloadTooLarge: "The supplied payload exceeds the maximum size supported by the service."
        case .resourceInUse:
            "The change to the requested resource failed because the resource is in use or in transition."
        case .createFailedMissingReqProperties:
            "The create operation failed because the required property %1 was missing from the request."
        case .queryNotSupported: "Querying is not supported by the implementation."
        case .noOperation:
            "The request body submitted contain no data to act upon and no changes to the resource took place."
        }
    }

    public var severity: String {
        switch self {
        case .success, .created: "OK"
        case .propertyValueNotInList, .propertyValueTypeError, .propertyValueFormatError, .propertyUnknown,
            .propertyNotWritable,
            .propertyMissing, .actionParameterValueNotInList, .actionParameterUnknown,
            .actionParameterValueFormatError, .actionParameterValueTypeError, .resourceInUse,
            .queryNotSupported, .noOperation:
            "Warning"
        case .generalError, .noValidSession, .insufficientPrivilege, .resourceMissingAtURI, .malformedJSON,
            .actionParameterMissing, .actionNotSupported, .operationNotAllowed, .preconditionFailed,
            .serviceTemporarilyUnavailable, .payloadTooLarge, .createFailedMissingReqProperties:
            "Critical"
        }
    }

    /// The message with its arguments filled in.
    public func message(_ arguments: [String], relatedProperties: [String]? = nil) -> RedfishMessage {
        var text = self.template
        // Highest index first, so that %1 does not eat the start of %10.
        for (index, argument) in arguments.enumerated().reversed() {
            text = Self.replacing("%\(index + 1)", in: text, with: argument)
        }
        return RedfishMessage(
            messageID: self.messageID,
            message: text,
            messageArgs: arguments.isEmpty ? nil : arguments,
            messageSeverity: self.severity,
            resolution: nil,
            relatedProperties: relatedProperties
        )
    }

    private static func replacing(_ marker: String, in text: String, with value: String) -> String {
        text.components(separatedBy: marker).joined(separator: value)
    }
}
