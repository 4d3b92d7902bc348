import type { Attributes, ResourceChange, StackChanges } from "./change-set";
import { SideIndex } from "./resource-index";
import { str, strings, tagsOf } from "./values";

/**
 * Who each alarm pages, on each side of a change: its ALARM actions' SNS topics, and those topics'
 * subscriptions (e-mail addresses, HTTPS endpoints), across stacks (a group stack's alarms notify the
 * default stack's topics by ARN). An existing topic this project does not manage counts as one
 * recipient, `topic <arn>`: its subscribers are not known here.
 */

export type Side = "before" | "after";

export interface AlarmRoute {
  readonly stack: string;
  readonly alarm: ResourceChange;
  readonly name: string;
  /** `critical`, `warning`, `health` (composite alarms) or `unknown`. */
  readonly severity: string;
  /** Topic identities (`account:region:name`) its ALARM actions publish to. */
  readonly topics: readonly string[];
  /** Who receives them: `email ml@example.com`, `https https://...`, `topic arn:...`. */
  readonly recipients: ReadonlySet<string>;
  readonly actionsEnabled: boolean;
}

export interface TopicInfo {
  readonly id: string;
  readonly stack: string;
  readonly topic: ResourceChange;
  readonly name: string;
  readonly recipients: ReadonlySet<string>;
  /** Subscriptions by recipient, to name the resource a lost recipient came from. */
  readonly subscriptions: ReadonlyMap<string, ResourceChange>;
}

export interface Routing {
  readonly topics: ReadonlyMap<string, TopicInfo>;
  /** `stack address` -> route. */
  readonly alarms: ReadonlyMap<string, AlarmRoute>;
}

const ALARMS = ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"];

export function routingOf(stacks: readonly StackChanges[], side: Side): Routing {
  const topics = new Map<string, TopicInfo>();
  for (const stack of stacks) {
    const index = new SideIndex(stack.resources, side);
    for (const topic of index.ofType("aws_sns_topic")) {
      const a = topic[side] as Attributes;
      const name = str(a.name) ?? topic.address;
      const subscriptions = new Map<string, ResourceChange>();
      for (const sub of index.ofType("aws_sns_topic_subscription")) {
        const s = sub[side] as Attributes;
        if (index.resolve(s.topic_arn, ["aws_sns_topic"]) === topic.address) subscriptions.set(`${str(s.protocol)} ${str(s.endpoint)}`, sub);
      }
      const id = topicId(stack.location.accountId, stack.location.region, name);
      topics.set(id, { id, stack: stack.name, topic, name, recipients: new Set(subscriptions.keys()), subscriptions });
    }
  }
  const alarms = new Map<string, AlarmRoute>();
  for (const stack of stacks) {
    const index = new SideIndex(stack.resources, side);
    for (const alarm of stack.resources.filter((r) => ALARMS.includes(r.type) && r[side])) {
      const a = alarm[side] as Attributes;
      const ids = strings(a.alarm_actions).map((action) => {
        const local = index.resolve(action, ["aws_sns_topic"]);
        const localName = local ? str(index.attributes(local)?.name) : undefined;
        return localName ? topicId(stack.location.accountId, stack.location.region, localName) : arnTopicId(action);
      });
      const actionsEnabled = a.actions_enabled !== false;
      const recipients = new Set<string>();
      if (actionsEnabled) for (const id of ids) for (const r of topics.get(id)?.recipients ?? [`topic ${id}`]) recipients.add(r);
      alarms.set(`${stack.name} ${alarm.address}`, {
        stack: stack.name,
        alarm,
        name: str(a.alarm_name) ?? alarm.address,
        severity: alarm.type === "aws_cloudwatch_composite_alarm" ? "health" : (tagsOf(a).severity ?? /^\[(\w+)\]/.exec(str(a.alarm_description) ?? "")?.[1] ?? "unknown"),
        topics: ids,
        recipients,
        actionsEnabled,
      });
    }
  }
  return { topics, alarms };
}

function topicId(account: string | undefined, region: string | undefined, name: string): string {
  return `${account ?? "?"}:${region ?? "?"}:${name}`;
}

/** `arn:aws:sns:us-east-1:123:alerts` -> `123:us-east-1:alerts`; anything else stays as it is. */
function arnTopicId(value: string): string {
  const m = /^arn:[^:]+:sns:([^:]+):(\d{12}):(.+)$/.exec(value);
  return m ? topicId(m[2], m[1], m[3]) : value;
}

/** A recipient for people: `ml@example.com (email)`. */
export function describeRecipient(r: string): string {
  const [protocol, ...rest] = r.split(" ");
  return protocol === "topic" ? `existing topic \`${rest.join(" ")}\` (subscribers not managed here)` : `${rest.join(" ")} (${protocol})`;
}
