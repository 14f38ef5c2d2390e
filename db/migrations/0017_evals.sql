CREATE TABLE "eval_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"task_id" uuid,
	"filename" text NOT NULL,
	"text" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"promoted_by" uuid,
	"promoted_by_email" text NOT NULL,
	"promoted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"trigger" text NOT NULL,
	"chain" text NOT NULL,
	"prompt_version" text,
	"cases" integer NOT NULL,
	"documents_sampled" integer NOT NULL,
	"field_scores" jsonb NOT NULL,
	"sample_field_scores" jsonb NOT NULL,
	CONSTRAINT "eval_runs_trigger_known" CHECK ("eval_runs"."trigger" in ('drift', 'manual')),
	CONSTRAINT "eval_runs_counts_non_negative" CHECK ("eval_runs"."cases" >= 0 and "eval_runs"."documents_sampled" >= 0)
);
--> statement-breakpoint
ALTER TABLE "eval_cases" ADD CONSTRAINT "eval_cases_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_cases" ADD CONSTRAINT "eval_cases_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_cases" ADD CONSTRAINT "eval_cases_promoted_by_users_id_fk" FOREIGN KEY ("promoted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "eval_cases_document_key" ON "eval_cases" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "eval_cases_promoted_at_idx" ON "eval_cases" USING btree ("promoted_at");--> statement-breakpoint
CREATE INDEX "eval_runs_at_idx" ON "eval_runs" USING btree ("at");