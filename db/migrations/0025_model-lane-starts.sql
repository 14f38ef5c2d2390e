CREATE TABLE "model_lane_starts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"lane" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"queued_ms" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_lane_starts_lane" CHECK ("model_lane_starts"."lane" in ('primary', 'fallback')),
	CONSTRAINT "model_lane_starts_queued_non_negative" CHECK ("model_lane_starts"."queued_ms" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "model_lane_starts_run_key" ON "model_lane_starts" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "model_lane_starts_at_idx" ON "model_lane_starts" USING btree ("at");