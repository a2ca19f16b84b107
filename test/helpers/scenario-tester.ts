import { describe, expect, it } from 'vitest';
import type { BundleView } from '../../src/bundle/view.js';
import { createContext } from '../../src/replay/context.js';
import { LAYERS } from '../../src/replay/layers/index.js';
import { SCENARIOS, matchScenarios } from '../../src/replay/scenarios/index.js';
import { type Evidence, LAYER_IDS, type LayerResult, type Scenario } from '../../src/replay/types.js';

// eslint's RuleTester for the known-scenario catalog: each case is a whole bundle. A `fires` case must make the
// scenario match with evidence that cites real places in that bundle (the report tells readers to
// `gwbundle show` them); a `quiet` case, a near miss, must not match. Both run through matchScenarios too, so a
// scenario missing from SCENARIOS, throwing, or firing without evidence fails here.

export interface ScenarioCase {
  name: string;
  bundle: BundleView;
  /** Extra assertions on the evidence of a firing case (e.g. that both pi versions are named). */
  check?: (evidence: Evidence[]) => void;
}

export interface ScenarioCases {
  fires: ScenarioCase[];
  quiet: ScenarioCase[];
}

/** The layers replay would hand the scenario, with a throwing layer left out as replay reports it apart. */
export function layersOf(ctx: ReturnType<typeof createContext>): LayerResult[] {
  return LAYERS.flatMap((l) => {
    try {
      return [l.run(ctx)];
    } catch {
      return [];
    }
  });
}

/** Every evidence entry names an artifact of the bundle, and a line inside it when it gives one. */
function expectCitable(view: BundleView, evidence: readonly Evidence[]): void {
  for (const e of evidence) {
    expect(view.entry(e.artifact), `evidence cites ${e.artifact}, which is not in the bundle`).toBeDefined();
    if (e.line === undefined) continue;
    const text = view.text(e.artifact);
    expect(text, `evidence cites ${e.artifact}:${e.line}, which has no content`).toBeDefined();
    const lines = text!.split('\n').length;
    expect(e.line, `${e.artifact}:${e.line} is outside its ${lines} lines`).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
  }
}

/** Refuses a call that could not fail: no firing case, no near miss, or a name given twice. */
function checkCases(scenario: Scenario, cases: ScenarioCases): void {
  if (cases.fires.length === 0) throw new Error(`testScenario(${scenario.id}): give at least one \`fires\` case`);
  if (cases.quiet.length === 0) throw new Error(`testScenario(${scenario.id}): give at least one near-miss \`quiet\` case`);
  const seen = new Set<string>();
  for (const c of [...cases.fires, ...cases.quiet]) {
    if (c.name.trim() === '') throw new Error(`testScenario(${scenario.id}): a case needs a name`);
    if (seen.has(c.name)) throw new Error(`testScenario(${scenario.id}): duplicate case "${c.name}"`);
    seen.add(c.name);
  }
}

/** Runs the scenario and the whole catalog over one bundle, collecting faults instead of hiding them. */
function run(scenario: Scenario, bundle: BundleView) {
  const ctx = createContext(bundle);
  const layers = layersOf(ctx);
  const evidence = scenario.match(ctx, layers);
  const faults: string[] = [];
  const ids = matchScenarios(ctx, layers, (s, e) => faults.push(`${s.id}: ${e instanceof Error ? e.message : String(e)}`)).map((m) => m.id);
  return { evidence, ids, faults };
}

/** Registers one describe block per scenario: its shape, every firing case and every near miss. */
export function testScenario(scenario: Scenario, cases: ScenarioCases): void {
  checkCases(scenario, cases);
  describe(`scenario ${scenario.id}`, () => {
    it('is a well-formed catalog entry listed in SCENARIOS', () => {
      expect(scenario.id).toMatch(/^([0-7][a-c]?|[a-z]+(-[a-z]+)*)$/);
      for (const s of [scenario.title, scenario.cause]) expect(s.trim()).not.toBe('');
      expect(scenario.fix.length).toBeGreaterThan(0);
      for (const step of scenario.fix) expect(step.trim()).not.toBe('');
      expect(LAYER_IDS).toContain(scenario.layer);
      expect(SCENARIOS).toContain(scenario);
    });
    for (const c of cases.fires) {
      it(`fires on ${c.name}`, () => {
        const { evidence, ids, faults } = run(scenario, c.bundle);
        expect(faults).toEqual([]);
        expect(evidence, 'match returned null').not.toBeNull();
        expect(evidence!.length).toBeGreaterThan(0);
        expectCitable(c.bundle, evidence!);
        expect(ids).toContain(scenario.id);
        c.check?.(evidence!);
      });
    }
    for (const c of cases.quiet) {
      it(`stays quiet on ${c.name}`, () => {
        const { evidence, ids, faults } = run(scenario, c.bundle);
        expect(faults).toEqual([]);
        expect(evidence).toBeNull();
        expect(ids).not.toContain(scenario.id);
      });
    }
  });
}
