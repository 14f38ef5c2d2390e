CREATE TABLE "document_pages" (
	"document_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"layer" jsonb NOT NULL,
	"ocr_plan" text NOT NULL,
	"ocr" jsonb,
	"ocr_confidence" real,
	"ocr_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_pages_document_id_page_pk" PRIMARY KEY("document_id","page"),
	CONSTRAINT "document_pages_ocr_plan_known" CHECK ("document_pages"."ocr_plan" in ('none', 'ocr', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "document_pages" ADD CONSTRAINT "document_pages_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;