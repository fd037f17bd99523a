package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.store.RegistryStoreException;

/**
 * The one factory of the registry's errors, with Confluent Schema Registry's HTTP statuses and
 * error codes (404xx: something is not there, 409xx: incompatible, 422xx: invalid input or an
 * operation the mode forbids, 500xx: store and forwarding failures).
 */
public final class RegistryErrors {
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_SOFT_DELETED = 40404;
  public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
  public static final int VERSION_SOFT_DELETED = 40406;
  public static final int VERSION_NOT_SOFT_DELETED = 40407;
  public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int SUBJECT_MODE_NOT_CONFIGURED = 40409;
  public static final int INCOMPATIBLE_SCHEMA = 40901;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int INVALID_MODE = 42204;
  public static final int OPERATION_NOT_PERMITTED = 42205;
  public static final int REFERENCE_EXISTS = 42206;
  public static final int ID_DOES_NOT_MATCH = 42207;
  public static final int INVALID_SUBJECT = 42208;
  public static final int STORE_ERROR = 50001;
  public static final int OPERATION_TIMEOUT = 50002;
  public static final int REQUEST_FORWARDING_FAILED = 50003;
  public static final int UNKNOWN_LEADER = 50004;

  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;
  private static final int UNPROCESSABLE = 422;
  private static final int SERVER_ERROR = 500;

  private RegistryErrors() {}

  public static RegistryException subjectNotFound(String subject) {
    return new RegistryException(
        NOT_FOUND, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  public static RegistryException versionNotFound(int version) {
    return new RegistryException(
        NOT_FOUND, VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  public static RegistryException schemaNotFound() {
    return new RegistryException(NOT_FOUND, SCHEMA_NOT_FOUND, "Schema not found");
  }

  public static RegistryException schemaNotFound(int id) {
    return new RegistryException(NOT_FOUND, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  public static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(
        NOT_FOUND,
        SUBJECT_SOFT_DELETED,
        "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(
        NOT_FOUND,
        SUBJECT_NOT_SOFT_DELETED,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  public static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(
        NOT_FOUND,
        VERSION_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted. Set permanent=true to delete permanently");
  }

  public static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(
        NOT_FOUND,
        VERSION_NOT_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  public static RegistryException subjectCompatibilityNotConfigured(String subject) {
    return new RegistryException(
        NOT_FOUND,
        SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  public static RegistryException subjectModeNotConfigured(String subject) {
    return new RegistryException(
        NOT_FOUND,
        SUBJECT_MODE_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level mode configured");
  }

  /** 409: the schema breaks the subject's compatibility; {@code messages} say where and why. */
  public static RegistryException incompatibleSchema(String subject, Iterable<String> messages) {
    return new RegistryException(
        CONFLICT,
        INCOMPATIBLE_SCHEMA,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + messages);
  }

  public static RegistryException invalidSchema(String message) {
    return new RegistryException(UNPROCESSABLE, INVALID_SCHEMA, message);
  }

  public static RegistryException invalidSchema(String message, Throwable cause) {
    return new RegistryException(UNPROCESSABLE, INVALID_SCHEMA, message, cause);
  }

  public static RegistryException invalidVersion(String version) {
    return new RegistryException(
        UNPROCESSABLE,
        INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
            + " string \"latest\"");
  }

  public static RegistryException invalidCompatibilityLevel(String level) {
    return new RegistryException(
        UNPROCESSABLE,
        INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level"
            + (level == null ? "" : " '" + level + "'")
            + ". Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive, and full_transitive");
  }

  public static RegistryException invalidMode(String mode) {
    return new RegistryException(
        UNPROCESSABLE,
        INVALID_MODE,
        "Invalid mode"
            + (mode == null ? "" : " '" + mode + "'")
            + ". Valid values are READWRITE, READONLY and IMPORT.");
  }

  public static RegistryException operationNotPermitted(String message) {
    return new RegistryException(UNPROCESSABLE, OPERATION_NOT_PERMITTED, message);
  }

  public static RegistryException referenceExists(String subject, int version) {
    return new RegistryException(
        UNPROCESSABLE,
        REFERENCE_EXISTS,
        "One or more references exist to the schema {subject="
            + subject
            + ", version="
            + version
            + "}; delete the schemas that reference it first.");
  }

  public static RegistryException idDoesNotMatch(int id) {
    return new RegistryException(
        UNPROCESSABLE,
        ID_DOES_NOT_MATCH,
        "Overwrite new schema with id "
            + id
            + " is not permitted: the id belongs to another"
            + " schema.");
  }

  public static RegistryException invalidSubject(String subject) {
    return new RegistryException(
        UNPROCESSABLE,
        INVALID_SUBJECT,
        "The specified subject '"
            + subject
            + "' is not valid: a subject name is not empty and has no control characters.");
  }

  /** 50001 or, for a timeout, 50002, naming the operation that failed. */
  public static RegistryException store(String operation, RegistryStoreException cause) {
    if (cause.timedOut()) {
      return new RegistryException(
          SERVER_ERROR,
          OPERATION_TIMEOUT,
          operation + " timed out waiting for the store: " + cause.getMessage(),
          cause);
    }
    return new RegistryException(
        SERVER_ERROR,
        STORE_ERROR,
        operation + " failed while writing to or reading from the store: " + cause.getMessage(),
        cause);
  }

  public static RegistryException requestForwardingFailed(String message, Throwable cause) {
    return new RegistryException(SERVER_ERROR, REQUEST_FORWARDING_FAILED, message, cause);
  }

  public static RegistryException unknownLeader(String message) {
    return new RegistryException(SERVER_ERROR, UNKNOWN_LEADER, message);
  }
}
