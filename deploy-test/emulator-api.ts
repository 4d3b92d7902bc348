/**
 * The few AWS calls the deploy test makes itself, against the emulator (moto does not check signatures;
 * it takes the region from the credential scope of the Authorization header).
 */

function authorization(region: string, service: string): string {
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, "");
  return `AWS4-HMAC-SHA256 Credential=AKIAOFFLINEPLANTEST00/${date}/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

async function s3(endpoint: string, region: string, path: string, method = "GET"): Promise<Response> {
  return fetch(`${endpoint}${path}`, { method, headers: { Authorization: authorization(region, "s3") } });
}

/** Every key of a bucket under a prefix (one page: the test writes a handful). */
export async function listKeys(endpoint: string, region: string, bucket: string, prefix = ""): Promise<string[]> {
  const response = await s3(endpoint, region, `/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`);
  if (!response.ok) throw new Error(`S3 ListObjectsV2 s3://${bucket}/${prefix}: HTTP ${response.status} ${await response.text()}`);
  return [...(await response.text()).matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeXml(m[1]));
}

export async function getObject(endpoint: string, region: string, bucket: string, key: string): Promise<Buffer> {
  const response = await s3(endpoint, region, `/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`);
  if (!response.ok) throw new Error(`S3 GetObject s3://${bucket}/${key}: HTTP ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

export async function objectExists(endpoint: string, region: string, bucket: string, key: string): Promise<boolean> {
  const response = await s3(endpoint, region, `/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`, "HEAD");
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`S3 HeadObject s3://${bucket}/${key}: HTTP ${response.status}`);
  return true;
}

/** A CloudWatch Logs API call (JSON protocol). */
export async function logs(endpoint: string, region: string, action: string, body: object): Promise<unknown> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      Authorization: authorization(region, "logs"),
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `Logs_20140328.${action}`,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`CloudWatch Logs ${action}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
