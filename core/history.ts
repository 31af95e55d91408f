/**
 * Run history in SQLite (better-sqlite3; embedded, no server). Every run's gate results are kept
 * so `baseline` references can compare with the previous run, or with a pinned, named baseline
 * (`statetrace baseline pin release-1.2`), and plan owners can see trends.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { BaselineQuery } from './gates/index.js';
import type { RunResult } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, status TEXT NOT NULL,
  exit_code INTEGER NOT NULL, command TEXT NOT NULL, git_commit TEXT, hostname TEXT, statetrace_version TEXT
);
CREATE TABLE IF NOT EXISTS gate_results (
  run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  scenario TEXT NOT NULL, gate_file TEXT NOT NULL, gate_id TEXT NOT NULL, group_key TEXT NOT NULL,
  metric TEXT NOT NULL, statistic TEXT NOT NULL, expression TEXT NOT NULL,
  actual REAL, actual_text TEXT, verdict TEXT NOT NULL, level TEXT NOT NULL, samples INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS gate_results_lookup ON gate_results (scenario, gate_id, metric, statistic, group_key, run_id);
CREATE TABLE IF NOT EXISTS baselines (name TEXT PRIMARY KEY, run_id TEXT NOT NULL, pinned_at TEXT NOT NULL);
`;

export interface RunSummaryRow {
  runId: string;
  startedAt: string;
  status: string;
  exitCode: number;
  command: string;
  gitCommit: string | null;
  gates: number;
  failed: number;
}

export class HistoryStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  record(run: RunResult): void {
    const insertRun = this.db.prepare(
      'INSERT OR REPLACE INTO runs VALUES (@runId, @startedAt, @finishedAt, @status, @exitCode, @command, @gitCommit, @hostname, @version)',
    );
    const insertGate = this.db.prepare(
      'INSERT INTO gate_results VALUES (@runId, @scenario, @file, @gate, @group, @metric, @statistic, @expression, @actual, @actualText, @verdict, @level, @samples)',
    );
    this.db.transaction(() => {
      insertRun.run({
        runId: run.runId,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        status: run.status,
        exitCode: run.exitCode,
        command: run.command,
        gitCommit: run.environment.gitCommit ?? null,
        hostname: run.environment.hostname,
        version: run.environment.statetraceVersion,
      });
      for (const scenario of run.scenarios) {
        for (const g of scenario.gates) {
          insertGate.run({
            runId: run.runId,
            scenario: g.scenario,
            file: basename(g.source.file),
            gate: g.gate,
            group: g.group ?? '',
            metric: g.metric,
            statistic: g.statistic,
            expression: g.expression,
            actual: typeof g.actual === 'number' ? g.actual : null,
            actualText: g.actualText,
            verdict: g.verdict,
            level: g.level,
            samples: g.samples,
          });
        }
      }
    })();
  }

  /**
   * The stored value of the same gate statistic: from the pinned run when `query.name` is given,
   * else from the newest recorded run that has one. Undefined when there is none yet.
   */
  baseline(query: BaselineQuery): number | undefined {
    const params = { scenario: query.scenario, gate: query.gate, metric: query.metric, statistic: query.statistic, group: query.group ?? '', file: basename(query.file) };
    const where = 'scenario = @scenario AND gate_id = @gate AND metric = @metric AND statistic = @statistic AND group_key = @group AND gate_file = @file AND actual IS NOT NULL';
    const row = query.name
      ? (this.db
          .prepare(`SELECT actual FROM gate_results WHERE ${where} AND run_id = (SELECT run_id FROM baselines WHERE name = @name) LIMIT 1`)
          .get({ ...params, name: query.name }) as { actual: number } | undefined)
      : (this.db
          .prepare(`SELECT g.actual FROM gate_results g JOIN runs r USING (run_id) WHERE ${where} ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1`)
          .get(params) as { actual: number } | undefined);
    return row?.actual;
  }

  pin(name: string, runId?: string): string {
    const target = runId ?? (this.db.prepare('SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1').get() as { run_id: string } | undefined)?.run_id;
    if (!target) throw new Error('no run recorded yet; run `statetrace run` first');
    const exists = this.db.prepare('SELECT 1 FROM runs WHERE run_id = ?').get(target);
    if (!exists) throw new Error(`run "${target}" is not in the history`);
    this.db.prepare('INSERT OR REPLACE INTO baselines VALUES (?, ?, ?)').run(name, target, new Date().toISOString());
    return target;
  }

  runs(limit = 20): RunSummaryRow[] {
    return this.db
      .prepare(
        `SELECT r.run_id AS runId, r.started_at AS startedAt, r.status, r.exit_code AS exitCode, r.command, r.git_commit AS gitCommit,
                COUNT(g.gate_id) AS gates, SUM(CASE WHEN g.verdict = 'fail' THEN 1 ELSE 0 END) AS failed
         FROM runs r LEFT JOIN gate_results g USING (run_id) GROUP BY r.run_id ORDER BY r.started_at DESC, r.run_id DESC LIMIT ?`,
      )
      .all(limit) as RunSummaryRow[];
  }

  baselines(): Array<{ name: string; runId: string; pinnedAt: string }> {
    return this.db.prepare('SELECT name, run_id AS runId, pinned_at AS pinnedAt FROM baselines ORDER BY name').all() as Array<{ name: string; runId: string; pinnedAt: string }>;
  }

  close(): void {
    this.db.close();
  }
}
