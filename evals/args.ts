export const evalProviders = ["deterministic", "anthropic", "recorded"] as const;
export type EvalProvider = (typeof evalProviders)[number];

export type EvalArgs = {
  provider: EvalProvider;
  record: boolean;
  /** The case file folder instead of evals/cases/. */
  cases: string | null;
  /** The models an anthropic run scores; the prompt's `testedWith` when not given. */
  models: string[] | null;
  update: boolean;
  verbose: boolean;
};

export class ArgsError extends Error {}

const usage =
  "Usage: npm run eval -- [--provider deterministic|anthropic|recorded] [--record] [--models <id,id>] [--cases <dir>] [--update] [--verbose]";

/** `npm run eval`'s flags; anything it does not know is refused with the usage, so a typo never runs silently. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = {
    provider: "deterministic",
    record: false,
    cases: null,
    models: null,
    update: false,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new ArgsError(`${String(flag)} needs a value.\n${usage}`);
      i += 1;
      return v;
    };
    if (flag === "--provider") {
      const v = value();
      const provider = evalProviders.find((p) => p === v);
      if (!provider) throw new ArgsError(`Unknown provider "${v}": use ${evalProviders.join(", ")}.\n${usage}`);
      args.provider = provider;
    } else if (flag === "--record") args.record = true;
    else if (flag === "--cases") args.cases = value();
    else if (flag === "--models")
      args.models = value()
        .split(",")
        .map((m) => m.trim())
        .filter(Boolean);
    else if (flag === "--update") args.update = true;
    else if (flag === "--verbose") args.verbose = true;
    else throw new ArgsError(`Unknown argument "${String(flag)}".\n${usage}`);
  }
  if (args.record && args.provider !== "anthropic")
    throw new ArgsError(`--record keeps a model's answers: use it with --provider anthropic.\n${usage}`);
  if (args.models && args.provider !== "anthropic")
    throw new ArgsError(
      `--models chooses the models an anthropic run scores: use it with --provider anthropic.\n${usage}`,
    );
  if (args.models?.length === 0) throw new ArgsError(`--models needs at least one model id.\n${usage}`);
  if (args.update && args.provider !== "deterministic")
    throw new ArgsError(`--update writes the deterministic baseline: use it without --provider.\n${usage}`);
  return args;
}
