CREATE TABLE "operating_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"handling_hourly_rate_minor" integer DEFAULT 4500 NOT NULL,
	"handling_rate_currency" char(3) DEFAULT 'EUR' NOT NULL,
	"qa_sample_rate" real DEFAULT 0.01 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "operating_settings_single_row" CHECK ("operating_settings"."id" = 1),
	CONSTRAINT "operating_settings_rate_non_negative" CHECK ("operating_settings"."handling_hourly_rate_minor" >= 0),
	CONSTRAINT "operating_settings_qa_sample_rate_share" CHECK ("operating_settings"."qa_sample_rate" >= 0 and "operating_settings"."qa_sample_rate" <= 1)
);
--> statement-breakpoint
CREATE TABLE "task_handling" (
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"focused_ms" bigint DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_handling_pkey" PRIMARY KEY("task_id","user_id"),
	CONSTRAINT "task_handling_focused_ms_non_negative" CHECK ("task_handling"."focused_ms" >= 0)
);
--> statement-breakpoint
ALTER TABLE "operating_settings" ADD CONSTRAINT "operating_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_handling" ADD CONSTRAINT "task_handling_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_handling" ADD CONSTRAINT "task_handling_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;