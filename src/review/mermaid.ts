import type { FlowNode, FlowNodeKind, StackFlow } from "./flow";

/** Shape per kind, so the chain reads at a glance: cylinder = data, hexagon = alarm, flag = topic. */
const SHAPES: Readonly<Record<FlowNodeKind, readonly [string, string]>> = {
  "log-group": ["[(", ")]"],
  "metric-filter": ["[", "]"],
  metric: ["([", "])"],
  alarm: ["{{", "}}"],
  topic: [">", "]"],
  subscription: ["[/", "/]"],
  destination: ["[[", "]]"],
  bucket: ["[(", ")]"],
};

const KIND_LABELS: Readonly<Record<FlowNodeKind, string>> = {
  "log-group": "log group",
  "metric-filter": "metric filter",
  metric: "metric",
  alarm: "alarm",
  topic: "SNS topic",
  subscription: "subscription filter",
  destination: "archive destination",
  bucket: "S3 bucket",
};

const ACTION_LABELS: Readonly<Record<FlowNode["action"], string>> = {
  create: "new",
  update: "changed",
  replace: "replaced",
  delete: "destroyed",
  forget: "no longer managed here",
  import: "imported",
  "no-op": "",
  external: "existing, outside this stack",
};

/** GitHub's light palette: green added, amber changed, red destroyed or replaced. */
const CLASS_DEFS = [
  "classDef create fill:#dafbe1,stroke:#1a7f37,color:#0d3d1c",
  "classDef update fill:#fff8c5,stroke:#9a6700,color:#4d2d00",
  "classDef replace fill:#ffebe9,stroke:#cf222e,color:#82071e,stroke-dasharray:4 2",
  "classDef delete fill:#ffebe9,stroke:#cf222e,color:#82071e",
  "classDef forget fill:#f6f8fa,stroke:#57606a,color:#24292f,stroke-dasharray:4 2",
  "classDef import fill:#ddf4ff,stroke:#0969da,color:#0a3069",
  "classDef external fill:#f6f8fa,stroke:#8c959f,color:#57606a,stroke-dasharray:2 2",
];

/** A Mermaid flowchart of one stack's affected flow (for a ```mermaid block). */
export function renderMermaid(flow: StackFlow): string {
  const ids = new Map(flow.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ["flowchart LR"];
  for (const node of flow.nodes) {
    const [open, close] = SHAPES[node.kind];
    const state = ACTION_LABELS[node.action];
    const text = `${escapeLabel(node.label)}<br/>${KIND_LABELS[node.kind]}${state ? ` · ${state}` : ""}`;
    lines.push(`  ${ids.get(node.id)}${open}"${text}"${close}`);
  }
  for (const edge of flow.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (edge.status === "kept") lines.push(`  ${from} --> ${to}`);
    else if (edge.status === "added") lines.push(`  ${from} ==>|new| ${to}`);
    else lines.push(`  ${from} -.->|removed| ${to}`);
  }
  const byClass = new Map<string, string[]>();
  for (const node of flow.nodes) {
    if (node.action === "no-op") continue;
    byClass.set(node.action, [...(byClass.get(node.action) ?? []), ids.get(node.id)!]);
  }
  lines.push(...CLASS_DEFS.filter((d) => byClass.has(d.split(" ")[1])).map((d) => `  ${d}`));
  for (const [cls, members] of byClass) lines.push(`  class ${members.join(",")} ${cls}`);
  return lines.join("\n");
}

/** Mermaid labels are quoted strings: entity codes for the characters that end or break them. */
function escapeLabel(text: string): string {
  return text.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
