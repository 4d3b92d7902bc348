"""The moto server the deploy test runs: moto 5.2.5 (requirements-deploy.txt) with two emulator bugs fixed.

Each fix makes moto answer as AWS does for a configuration that is correct on AWS; nothing here changes
what the product synthesizes. Both were found by applying config/example.yaml (docs/deploying-locally.md).
No upstream moto issue was found for either; the behaviour is named by moto's own source.

1. Log group class. moto's CreateLogGroup drops `logGroupClass` and DescribeLogGroups never returns it
   (moto/logs/responses.py `create_log_group`, moto/logs/models.py `LogGroup.to_describe_dict`). AWS
   returns it for every log group (STANDARD unless asked otherwise), and the AWS provider reads it back:
   without it every log group plans a replacement, which `prevent_destroy` turns into an error.
2. Bucket policy conditions. moto evaluates only the `StringEquals` condition operator and ignores every
   other one, so the statement applies unconditionally (moto/iam/policy_conditions.py `verify_condition`:
   "If the evaluation operation is not supported, ignore condition evaluation"). A TLS-only bucket policy,
   `Deny s3:* if Bool aws:SecureTransport = false`, then denies every object request, including the
   Terraform S3 backend's. Besides, moto answers DENIED for a statement whose condition does not hold,
   even a Deny statement (moto/iam/access_control.py `IAMPolicyStatement.is_action_permitted`); in AWS
   such a statement does not apply. The fix teaches moto `Bool`, drops statements whose condition does not
   hold, and gives S3 permission checks the request context a client of real S3 has: `aws:SecureTransport`
   is true, because AWS clients reach S3 over TLS (the test talks plain HTTP to the emulator on 127.0.0.1
   only). Plain-HTTP requests to real S3 stay denied; the policy itself is checked by the product's own
   tests (__tests__/security).

Usage: python moto_shim.py -H 127.0.0.1 -p 0   (the arguments of moto_server)
"""

import json
import sys
from typing import Any

import moto
from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicyStatement, PermissionResult
from moto.logs import models as logs_models
from moto.logs import responses as logs_responses
from moto.s3 import models as s3_models
from moto.server import main


def _log_group_class() -> None:
    original_init = logs_models.LogGroup.__init__
    original_describe = logs_models.LogGroup.to_describe_dict

    def init(self: Any, account_id: str, region: str, name: str, **kwargs: Any) -> None:
        original_init(self, account_id, region, name, **kwargs)
        self.log_group_class = kwargs.get("logGroupClass") or "STANDARD"

    def describe(self: Any) -> dict[str, Any]:
        return {**original_describe(self), "logGroupClass": self.log_group_class}

    def create_log_group(self: Any) -> str:
        self.logs_backend.create_log_group(
            self._get_param("logGroupName"),
            self._get_param("tags"),
            kmsKeyId=self._get_param("kmsKeyId"),
            logGroupClass=self._get_param("logGroupClass"),
        )
        return ""

    logs_models.LogGroup.__init__ = init
    logs_models.LogGroup.to_describe_dict = describe
    logs_responses.LogsResponse.create_log_group = create_log_group


def _bool_conditions_over_tls() -> None:
    def bool_equals(expected: Any, actual: str) -> bool:
        values = expected if isinstance(expected, list) else [expected]
        return any(str(v).lower() == str(actual).lower() for v in values)

    policy_conditions.CONDITION_OPERATIONS["Bool"] = bool_equals
    context = {"aws:SecureTransport": "true"}

    def conditions_hold(conditions: Any) -> bool:
        for operator, values in (conditions or {}).items():
            operation = policy_conditions.CONDITION_OPERATIONS.get(operator)
            if operation is None:
                continue  # as moto does: an operator it cannot evaluate is ignored
            for key, expected in values.items():
                # In AWS a condition on a key the request does not carry does not hold.
                if key not in context or not operation(expected, context[key]):
                    return False
        return True

    # Conditions are checked here; only the statements they admit reach moto's evaluation (see 2. above).
    def get_permission(self: Any, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        statements = json.loads(self.policy.decode())["Statement"]
        results = [
            IAMPolicyStatement({k: v for k, v in s.items() if k != "Condition"}).is_action_permitted(action, resource)
            for s in (statements if isinstance(statements, list) else [statements])
            if conditions_hold(s.get("Condition"))
        ]
        if PermissionResult.DENIED in results:
            return PermissionResult.DENIED
        return PermissionResult.PERMITTED if PermissionResult.PERMITTED in results else PermissionResult.NEUTRAL

    s3_models.FakeBucket.get_permission = get_permission


# The fixes replace moto internals of this version; another version needs them re-checked.
PINNED_MOTO = "5.2.5"

if __name__ == "__main__":
    if moto.__version__ != PINNED_MOTO:
        sys.exit(f"moto_shim.py is written for moto {PINNED_MOTO}, found {moto.__version__}: pip install -r requirements-deploy.txt")
    _log_group_class()
    _bool_conditions_over_tls()
    sys.exit(main(sys.argv[1:]))
