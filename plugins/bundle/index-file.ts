/**
 * `statetrace-bundle.json`, the bundle-level index statetrace adds beside the original's per-area
 * manifests. The original's manifests hash the artifacts but nothing hashed the manifests or READMEs
 * themselves, and nothing said which areas a bundle should have; the index does both, and records
 * which readiness rule set applies. Bundles without it (the original's) are verified with the
 * original's rules.
 */
export const INDEX_FILE = 'statetrace-bundle.json';
export const INDEX_FORMAT = 'statetrace-bundle/1';

export interface BundleIndexArea {
  Name: string;
  /** Relative to the bundle folder, `/` separators. */
  Manifest: string;
  ManifestHash: string;
  Readme: string | null;
  ReadmeHash: string | null;
  Artifacts: number;
}

export interface BundleIndex {
  Format: typeof INDEX_FORMAT;
  Tool: 'statetrace';
  ToolVersion: string;
  BundleName: string;
  CreatedAt: string;
  /** Readiness rule set `bundle verify` applies by default. */
  Rules: 'statetrace' | 'original';
  Run: { RunId: string; Command: string; Status: string } | null;
  Areas: BundleIndexArea[];
  /** Files at the bundle root other than the index (the bundle README), with hashes. */
  RootFiles: Array<{ File: string; Hash: string; SizeBytes: number }>;
  /**
   * Artifacts the run registered whose files were gone when the bundle was written. They cannot be in a
   * manifest (no bytes to hash), so they are recorded here and `bundle verify` reports each as missing.
   */
  MissingAtWrite?: Array<{ Area: string; Category: string; SourcePath: string }>;
}
