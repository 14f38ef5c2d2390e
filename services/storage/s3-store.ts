import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { assertBlobKey, type BlobStore } from "./blob-store";

export type S3Config = {
  /** Unset for AWS itself; the URL of R2, MinIO or another S3-compatible service otherwise. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}

/** Bytes in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), which browsers can also upload to directly. */
export function s3Store(config: S3Config): BlobStore {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The SDK's default checksums are not implemented by every S3-compatible service (R2, MinIO versions, s3rver),
    // and a presigned URL carrying one would demand it from the browser.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // A bucket that stops answering fails the step or request (which retries) instead of holding it forever; two
    // minutes carries the largest original at a slow link's pace.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
  const Bucket = config.bucket;
  return {
    kind: "s3",
    async put(key, bytes, { contentType }) {
      assertBlobKey(key);
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length }),
      );
    },
    async get(key) {
      assertBlobKey(key);
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!answer.Body) return null;
        return Buffer.from(await answer.Body.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async head(key) {
      assertBlobKey(key);
      try {
        const answer = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: answer.ContentLength ?? 0, contentType: answer.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      assertBlobKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async copy(from, to, { contentType }) {
      assertBlobKey(from);
      assertBlobKey(to);
      // Keys are checked to safe characters above, so the source needs no further encoding.
      await client.send(
        new CopyObjectCommand({
          Bucket,
          Key: to,
          CopySource: `${Bucket}/${from}`,
          ContentType: contentType,
          MetadataDirective: "REPLACE",
        }),
      );
    },
    async presignPut(key, { size, contentType, expiresIn }) {
      assertBlobKey(key);
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: size });
      // Signing the type and the length makes the bucket refuse any other file than the one announced.
      const url = await getSignedUrl(client, command, {
        expiresIn,
        signableHeaders: new Set(["content-type", "content-length"]),
      });
      return {
        url,
        headers: { "content-type": contentType, "content-length": String(size) },
        expiresAt: new Date(Date.now() + expiresIn * 1000),
      };
    },
  };
}
