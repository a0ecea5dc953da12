import fs from 'node:fs';
import { z } from 'zod';
import { FRAUD_TYPE_CODES, isFraudType, type FraudType } from '../domain/fraud-type.js';
import { FanzhaError } from '../domain/errors.js';
import { SIGNAL_NAMES, type SignalName } from './signals.js';

/**
 * The screening rules as analysts write them (assets/typologies.json): behaviour thresholds, the remote-control
 * and meeting apps, warning-level thresholds, and one typology per fraud type as weighted steps in order.
 */
const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

const duration = z.string().regex(DURATION, 'a duration like "90s", "30m", "6h" or "7d"');

const signalRef = z.string().refine((ref) => {
  const [name, type] = ref.split(':');
  return (SIGNAL_NAMES as readonly string[]).includes(name) && (type === undefined || isFraudType(type));
}, `a signal name (${SIGNAL_NAMES.join(', ')}), optionally with ":<fraud type>"`);

const fileSchema = z.object({
  version: z.number().int().positive(),
  settings: z.object({
    longCallSec: z.number().int().positive(),
    riskyCallMinSec: z.number().int().nonnegative(),
    afterCallWindow: duration,
    largeTransferFen: z.number().int().positive(),
    burstCount: z.number().int().min(2),
    burstWindow: duration,
    nightHours: z.tuple([z.number().int().min(0).max(23), z.number().int().min(0).max(24)]),
    /** A warning stays open (and is upgraded, not raised again) this long after its last change. */
    warningMerge: duration,
    textThreshold: z.number().min(0).max(1).nullable(),
    /** A host visited this often in the stream is a well-known site: a visit to it after a scam SMS means nothing. */
    popularHostVisits: z.number().int().positive(),
  }),
  remoteApps: z.array(z.string().min(1)).min(1),
  levels: z.object({ '3': z.number(), '2': z.number(), '1': z.number() }),
  typologies: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9_.-]+$/),
        fraudType: z.enum(FRAUD_TYPE_CODES as [FraudType, ...FraudType[]]),
        name: z.string().min(1),
        /** What the officer should tell the person, in Chinese. */
        advice: z.string().min(1),
        window: duration,
        steps: z
          .array(
            z.object({
              name: z.string().min(1),
              weight: z.number().positive().max(100),
              signals: z.array(signalRef).min(1),
              /** Longest time since the previous matched step. */
              within: duration.optional(),
              /** Whether the step may open an episode (the first step always may). */
              opens: z.boolean().optional(),
              /** Whether the step counts only right after the step before it (no skipping into it). */
              requires: z.boolean().optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type RulebookFile = z.infer<typeof fileSchema>;

export interface Step {
  index: number;
  name: string;
  weight: number;
  withinMs: number;
  /** May open an episode: the first step, and steps marked `opens` (a contact that can come first). */
  opens: boolean;
  /** Counts only right after the step before it: "a transfer after screen sharing", not after any call. */
  requires: boolean;
}

export interface Typology {
  id: string;
  fraudType: FraudType;
  name: string;
  advice: string;
  windowMs: number;
  steps: Step[];
}

/** A step a signal can match: signal `name` (of fraud type `type`, or any when null) counts for `step`. */
export interface StepRef {
  typology: Typology;
  step: Step;
  type: FraudType | null;
}

export interface Rulebook {
  version: number;
  longCallSec: number;
  riskyCallMinSec: number;
  afterCallWindowMs: number;
  largeTransferFen: number;
  burstCount: number;
  burstWindowMs: number;
  nightFrom: number;
  nightTo: number;
  warningMergeMs: number;
  textThreshold: number | undefined;
  popularHostVisits: number;
  /** Lower-cased package and display names. */
  remoteApps: Set<string>;
  /** Score at or above which each level is raised (level 1 the highest bar). */
  levelScores: { 1: number; 2: number; 3: number };
  typologies: Typology[];
  /** The longest typology window: how long a person's state must be kept. */
  horizonMs: number;
  bySignal: Map<SignalName, StepRef[]>;
}

/** Milliseconds in "90s" / "30m" / "6h" / "7d". */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** Validates a rule book; throws VALIDATION_FAILED listing every problem. */
export function compileRulebook(input: unknown): Rulebook {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FanzhaError('VALIDATION_FAILED', `invalid typology file: ${problems.join('; ')}`, { problems });
  }
  const file = parsed.data;
  const { settings } = file;
  const typologies = file.typologies.map((t) => ({
    id: t.id,
    fraudType: t.fraudType,
    name: t.name,
    advice: t.advice,
    windowMs: parseDuration(t.window),
    steps: t.steps.map((s, index) => ({
      index,
      name: s.name,
      weight: s.weight,
      withinMs: parseDuration(s.within ?? t.window),
      opens: index === 0 || s.opens === true,
      requires: s.requires === true,
    })),
  }));
  const ids = new Set<string>();
  for (const t of typologies) {
    if (ids.has(t.id)) throw new FanzhaError('VALIDATION_FAILED', `invalid typology file: typology id ${t.id} appears twice`);
    ids.add(t.id);
  }
  if (!(file.levels['3'] < file.levels['2'] && file.levels['2'] < file.levels['1'])) {
    throw new FanzhaError('VALIDATION_FAILED', 'invalid typology file: levels must rise from "3" to "1"');
  }
  const bySignal = new Map<SignalName, StepRef[]>();
  file.typologies.forEach((t, ti) =>
    t.steps.forEach((s, si) => {
      for (const ref of s.signals) {
        const [name, type] = ref.split(':') as [SignalName, FraudType | undefined];
        const list = bySignal.get(name) ?? [];
        list.push({ typology: typologies[ti], step: typologies[ti].steps[si], type: type ?? null });
        bySignal.set(name, list);
      }
    }),
  );
  return {
    version: file.version,
    longCallSec: settings.longCallSec,
    riskyCallMinSec: settings.riskyCallMinSec,
    afterCallWindowMs: parseDuration(settings.afterCallWindow),
    largeTransferFen: settings.largeTransferFen,
    burstCount: settings.burstCount,
    burstWindowMs: parseDuration(settings.burstWindow),
    nightFrom: settings.nightHours[0],
    nightTo: settings.nightHours[1],
    warningMergeMs: parseDuration(settings.warningMerge),
    textThreshold: settings.textThreshold ?? undefined,
    popularHostVisits: settings.popularHostVisits,
    remoteApps: new Set(file.remoteApps.map((a) => a.toLowerCase())),
    levelScores: { 1: file.levels['1'], 2: file.levels['2'], 3: file.levels['3'] },
    typologies,
    horizonMs: Math.max(...typologies.map((t) => t.windowMs)),
    bySignal,
  };
}

/** Reads and compiles a rule book file. */
export function readRulebook(file: string): Rulebook {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FanzhaError('VALIDATION_FAILED', `cannot read typology file ${file}: ${(err as Error).message}`);
  }
  return compileRulebook(json);
}
