import { describe, expect, it } from "vitest";
import { explainFileError, explainServerLog, lastProblem } from "./errors";

describe("explainFileError", () => {
  const fsError = (code: string) => Object.assign(new Error(`${code}: boom`), { code, path: "/srv/keel/.keel" });

  it("says a full disk is full, naming the folder", () => {
    expect(explainFileError(fsError("ENOSPC"), "x").message).toBe(
      "The disk holding /srv/keel/.keel is full. Free some space, then start Keel again.",
    );
  });

  it("says a read-only disk is read-only and how to point Keel elsewhere", () => {
    expect(explainFileError(fsError("EROFS"), "x").message).toMatch(
      /read-only file system\. Give Keel a writable folder \(KEEL_DATA_DIR=/,
    );
  });

  it("says who may write when permission is denied", () => {
    expect(explainFileError(fsError("EACCES"), "x").message).toMatch(
      /permission denied\)\. Start Keel as the user who owns this folder/,
    );
  });
});

describe("explainServerLog", () => {
  it("recognises a full disk in PostgreSQL's own words", () => {
    const log = '2026-11-29 FATAL:  could not write to file "pg_wal/xlogtemp.123": No space left on device';
    expect(explainServerLog(log, "/d")).toBe(
      "The disk holding /d is full, so PostgreSQL cannot write its data. Free some space, then start Keel again.",
    );
  });

  it("names the last fatal line of anything else and calls the folder possibly damaged", () => {
    const log = "LOG:  starting\nFATAL:  invalid checkpoint record\nLOG:  startup process was terminated";
    expect(explainServerLog(log, "/d")).toMatch(
      /^PostgreSQL could not start on the data in \/d: invalid checkpoint record\. The folder may be damaged/,
    );
  });

  it("falls back to what PostgreSQL printed when it logs no fatal line", () => {
    expect(lastProblem('postgres: could not find the database system\nExpected to find it in "/d"')).toBe(
      'could not find the database system Expected to find it in "/d"',
    );
  });

  it("has nothing to say about an empty log", () => {
    expect(explainServerLog("", "/d")).toBeNull();
  });
});
