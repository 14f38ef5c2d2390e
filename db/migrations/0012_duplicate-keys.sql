CREATE TABLE "document_fingerprints" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"minhash" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_keys" (
	"key" text NOT NULL,
	"document_id" uuid NOT NULL,
	CONSTRAINT "document_keys_pkey" PRIMARY KEY("key","document_id")
);
--> statement-breakpoint
CREATE TABLE "payable_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"payable_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_fingerprints" ADD CONSTRAINT "document_fingerprints_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_keys" ADD CONSTRAINT "document_keys_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payable_keys" ADD CONSTRAINT "payable_keys_payable_id_payables_id_fk" FOREIGN KEY ("payable_id") REFERENCES "public"."payables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_keys_document_idx" ON "document_keys" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "payable_keys_payable_idx" ON "payable_keys" USING btree ("payable_id");