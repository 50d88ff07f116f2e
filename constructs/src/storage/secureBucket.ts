import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * A bucket with the library's fixed defaults: SSE-KMS with the domain key
 * (bucket keys on, to cut KMS request costs), TLS-only, all public access
 * blocked, ACLs disabled, versioning, server access logs.
 */
export function createSecureBucket(
  scope: Construct,
  id: string,
  props: {
    readonly encryptionKey: IKey;
    readonly accessLogs: IBucket;
    readonly removalPolicy: RemovalPolicy;
    /** Non-current versions are kept this long after being replaced or deleted. */
    readonly noncurrentVersionExpiration: Duration;
  },
): Bucket {
  const bucket = new Bucket(scope, id, {
    encryption: BucketEncryption.KMS,
    encryptionKey: props.encryptionKey,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: props.removalPolicy,
    lifecycleRules: [
      {
        id: 'expire-noncurrent-versions',
        noncurrentVersionExpiration: props.noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  enableAccessLogs(bucket, props.accessLogs, `${id}/`);
  return bucket;
}

/**
 * Server access logs delivered under a bucket policy (not the legacy
 * log-delivery ACL, which needs ACLs enabled), whatever the app's feature
 * flags say: the logging service may write only this bucket's prefix, and
 * only on behalf of this bucket and account.
 */
function enableAccessLogs(bucket: Bucket, logs: IBucket, prefix: string) {
  (bucket.node.defaultChild as CfnBucket).loggingConfiguration = {
    destinationBucketName: logs.bucketName,
    logFilePrefix: prefix,
  };
  logs.addToResourcePolicy(
    new PolicyStatement({
      sid: `AccessLogsOf${bucket.node.id}`,
      principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [logs.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }),
  );
}

/**
 * The bucket that receives S3 server access logs. S3 can only deliver
 * access logs to a bucket encrypted with S3-managed keys (SSE-S3), so this
 * one bucket is not on the domain key; it holds no business data.
 */
export function createAccessLogsBucket(
  scope: Construct,
  id: string,
  props: {
    readonly removalPolicy: RemovalPolicy;
    readonly expiration: Duration;
  },
): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: props.removalPolicy,
    lifecycleRules: [
      {
        id: 'expire-access-logs',
        expiration: props.expiration,
        noncurrentVersionExpiration: Duration.days(30),
      },
    ],
  });
}
