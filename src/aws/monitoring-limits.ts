/**
 * Fixed lists and quotas of the AI-monitoring resources. Sources: CloudWatch Logs "Types of data
 * that you can protect" (managed data identifiers; the same list as aws-cdk-lib's `DataIdentifier`
 * enum) and "Custom data identifiers" (constraints); CreateLogAnomalyDetector; SageMaker
 * CreateEndpoint (EndpointName); PutCompositeAlarm (AlarmRule length); CloudWatch dashboard body
 * structure (24-column grid); IAM quotas (role names).
 */

export const MANAGED_DATA_IDENTIFIERS = [
  "Address", "AwsSecretKey", "BankAccountNumber-DE", "BankAccountNumber-ES", "BankAccountNumber-FR",
  "BankAccountNumber-GB", "BankAccountNumber-IT", "BankAccountNumber-US", "CepCode-BR", "Cnpj-BR", "CpfCode-BR",
  "CreditCardExpiration", "CreditCardNumber", "CreditCardSecurityCode", "DriversLicense-AT", "DriversLicense-AU",
  "DriversLicense-BE", "DriversLicense-BG", "DriversLicense-CA", "DriversLicense-CY", "DriversLicense-CZ",
  "DriversLicense-DE", "DriversLicense-DK", "DriversLicense-EE", "DriversLicense-ES", "DriversLicense-FI",
  "DriversLicense-FR", "DriversLicense-GB", "DriversLicense-GR", "DriversLicense-HR", "DriversLicense-HU",
  "DriversLicense-IE", "DriversLicense-IT", "DriversLicense-LT", "DriversLicense-LU", "DriversLicense-LV",
  "DriversLicense-MT", "DriversLicense-NL", "DriversLicense-PL", "DriversLicense-PT", "DriversLicense-RO",
  "DriversLicense-SE", "DriversLicense-SI", "DriversLicense-SK", "DriversLicense-US", "DrugEnforcementAgencyNumber-US",
  "ElectoralRollNumber-GB", "EmailAddress", "HealthInsuranceCardNumber-EU", "HealthInsuranceClaimNumber-US",
  "HealthInsuranceNumber-FR", "HealthcareProcedureCode-US", "IndividualTaxIdentificationNumber-US", "InseeCode-FR",
  "IpAddress", "LatLong", "MedicareBeneficiaryNumber-US", "Name", "NationalDrugCode-US", "NationalIdentificationNumber-DE",
  "NationalIdentificationNumber-ES", "NationalIdentificationNumber-IT", "NationalInsuranceNumber-GB",
  "NationalProviderId-US", "NhsNumber-GB", "NieNumber-ES", "NifNumber-ES", "OpenSshPrivateKey", "PassportNumber-CA",
  "PassportNumber-DE", "PassportNumber-ES", "PassportNumber-FR", "PassportNumber-GB", "PassportNumber-IT",
  "PassportNumber-US", "PermanentResidenceNumber-CA", "PersonalHealthNumber-CA", "PgpPrivateKey", "PhoneNumber",
  "PhoneNumber-BR", "PhoneNumber-DE", "PhoneNumber-ES", "PhoneNumber-FR", "PhoneNumber-GB", "PhoneNumber-IT",
  "PhoneNumber-US", "PkcsPrivateKey", "PostalCode-CA", "PuttyPrivateKey", "RgNumber-BR", "SocialInsuranceNumber-CA",
  "Ssn-ES", "Ssn-US", "TaxId-DE", "TaxId-ES", "TaxId-FR", "TaxId-GB", "VehicleIdentificationNumber", "ZipCode-US",
] as const;
export type ManagedDataIdentifier = (typeof MANAGED_DATA_IDENTIFIERS)[number];

/** What prompts and completions most often leak: contact data, payment cards and secrets. */
export const DEFAULT_MANAGED_IDENTIFIERS: readonly ManagedDataIdentifier[] = [
  "EmailAddress", "PhoneNumber", "CreditCardNumber", "CreditCardSecurityCode", "AwsSecretKey",
  "OpenSshPrivateKey", "PgpPrivateKey", "PkcsPrivateKey", "PuttyPrivateKey", "Ssn-US",
];

/** Custom data identifiers: at most 10 per policy; names 1-128 of [A-Za-z0-9_-]; regexes 1-200 of a fixed set. */
export const MAX_CUSTOM_IDENTIFIERS = 10;
export const CUSTOM_IDENTIFIER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const CUSTOM_IDENTIFIER_REGEX_PATTERN = /^[A-Za-z0-9_#=@/;,\- ^$?[\]{}|\\*+.]{1,200}$/;

/** The ARN of a managed data identifier in a data protection policy. */
export function managedIdentifierArn(partition: string, name: string): string {
  return `arn:${partition}:dataprotection::aws:data-identifier/${name}`;
}

export const ANOMALY_EVALUATION_FREQUENCIES = ["ONE_MIN", "FIVE_MIN", "TEN_MIN", "FIFTEEN_MIN", "THIRTY_MIN", "ONE_HOUR"] as const;
export const MIN_ANOMALY_VISIBILITY_DAYS = 7;
export const MAX_ANOMALY_VISIBILITY_DAYS = 90;

/** SageMaker endpoint and variant names: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`. */
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/** Foundation-model ids (`anthropic.claude-3-5-sonnet-20240620-v1:0`), inference-profile ids and ARNs. */
export const BEDROCK_MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/;

export const MAX_COMPOSITE_ALARM_RULE_LENGTH = 10_240;
/** AlarmDescription of PutMetricAlarm and PutCompositeAlarm: 0-1024 characters. */
export const MAX_ALARM_DESCRIPTION_LENGTH = 1024;
export const MAX_IAM_ROLE_NAME_LENGTH = 64;
export const DASHBOARD_GRID_COLUMNS = 24;
/** A dashboard body holds 0-500 widgets (CloudWatch "Dashboard body structure and syntax"). */
export const MAX_WIDGETS_PER_DASHBOARD = 500;
/** An alarm status widget lists at most 100 alarms. */
export const MAX_ALARMS_PER_ALARM_WIDGET = 100;
