CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"field" text,
	"threshold" numeric NOT NULL,
	"window_minutes" integer DEFAULT 60 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "alert_rules_kind_known" CHECK ("alert_rules"."kind" in ('field_empty_rate_rise', 'field_correction_rate_rise', 'stp_below', 'failures_per_hour_above', 'model_error_rate_above', 'backlog_age_above', 'eval_accuracy_drop')),
	CONSTRAINT "alert_rules_threshold_non_negative" CHECK ("alert_rules"."threshold" >= 0),
	CONSTRAINT "alert_rules_window_minutes_range" CHECK ("alert_rules"."window_minutes" between 5 and 10080),
	CONSTRAINT "alert_rules_field_rules_have_field" CHECK ("alert_rules"."kind" not in ('field_empty_rate_rise', 'field_correction_rate_rise') or "alert_rules"."field" is not null)
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"last_value" double precision NOT NULL,
	"threshold" numeric NOT NULL,
	"message" text NOT NULL,
	"resolved_message" text,
	"last_evaluated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_rule_open_key" ON "alerts" USING btree ("rule_id") WHERE "alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "alerts_rule_started_idx" ON "alerts" USING btree ("rule_id","started_at");--> statement-breakpoint
CREATE INDEX "alerts_resolved_idx" ON "alerts" USING btree ("resolved_at");