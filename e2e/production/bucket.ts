import fs from "node:fs";
import path from "node:path";
import S3rver from "s3rver";

export type Bucket = {
  endpoint: string;
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop: () => Promise<void>;
};

/**
 * The CORS rule docs/deploy.md tells people to give their bucket, in S3's XML form: browsers may PUT to it from
 * Keel's origin only, with a content-type.
 */
function corsRule(appOrigin: string): string {
  return `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>${appOrigin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}

/** A private bucket on a local S3-compatible server (s3rver), configured as the deploy guide says. */
export async function startBucket(directory: string, appOrigin: string): Promise<Bucket> {
  fs.mkdirSync(directory, { recursive: true });
  const name = "keel-documents";
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: path.resolve(directory),
    configureBuckets: [{ name, configs: [corsRule(appOrigin)] }],
  });
  const { port } = await server.run();
  // s3rver checks every signature against its one fixed key pair, as a real bucket checks its access key.
  return {
    endpoint: `http://127.0.0.1:${String(port)}`,
    name,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    stop: () => server.close(),
  };
}
