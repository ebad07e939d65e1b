CREATE TYPE "public"."consent_kind" AS ENUM('guardian_agreement', 'youth_assent', 'release_of_information');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('uploaded_form', 'in_app_signature');--> statement-breakpoint
CREATE TYPE "public"."contact_kind" AS ENUM('session', 'collateral');--> statement-breakpoint
CREATE TYPE "public"."contact_status" AS ENUM('scheduled', 'completed', 'no_show', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('active', 'met', 'discontinued');--> statement-breakpoint
CREATE TYPE "public"."hub_type" AS ENUM('icc', 'iht', 'op');--> statement-breakpoint
CREATE TYPE "public"."match_status" AS ENUM('active', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."note_status" AS ENUM('draft', 'signed', 'returned', 'approved', 'cosigned');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('received', 'screening', 'accepted', 'waitlisted', 'declined', 'admitted');--> statement-breakpoint
CREATE TYPE "public"."review_mode" AS ENUM('approve_all', 'cosign_all', 'sample');--> statement-breakpoint
CREATE TABLE "attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"referral_id" uuid,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"document_date" date,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"guardian_id" uuid,
	"given_by_name" text NOT NULL,
	"legal_basis" text,
	"method" "consent_method" NOT NULL,
	"typed_name" text,
	"attachment_id" uuid,
	"given_on" date NOT NULL,
	"recipient" text,
	"scope" text,
	"expires_on" date,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"episode_id" uuid,
	"mentor_user_id" text NOT NULL,
	"series_id" uuid,
	"kind" "contact_kind" DEFAULT 'session' NOT NULL,
	"collateral_with" text,
	"status" "contact_status" DEFAULT 'scheduled' NOT NULL,
	"status_reason" text,
	"date" date NOT NULL,
	"start_time" text,
	"end_time" text,
	"setting" text,
	"modality" text,
	"participants" text,
	"goal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"activities" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"youth_response" text,
	"plan" text,
	"safety_concern" boolean,
	"safety_detail" text,
	"mileage" integer,
	"note_status" "note_status" DEFAULT 'draft' NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" text,
	"signed_late" boolean DEFAULT false NOT NULL,
	"billable" boolean DEFAULT false NOT NULL,
	"billing_units" integer DEFAULT 0 NOT NULL,
	"rule_set_id" uuid,
	"review_required" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"mentor_user_id" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"start_time" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"setting" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "episode" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"referral_id" uuid,
	"rule_set_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"admitted_on" date NOT NULL,
	"living_situation" text,
	"admission_criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"exclusion_criteria" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligibility" jsonb NOT NULL,
	"eligibility_decided_by" text,
	"eligibility_decided_at" timestamp with time zone,
	"discharged_on" date,
	"discharge" jsonb,
	"discharged_by" text,
	"retention_until" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"hub_plan_goal" text NOT NULL,
	"hub_plan_goal_id" text,
	"plan_type" text NOT NULL,
	"plan_date" date,
	"family_agreed" boolean DEFAULT false NOT NULL,
	"owner_user_id" text,
	"title" text NOT NULL,
	"specific" text,
	"measurable" text,
	"achievable" text,
	"relevant" text,
	"target_date" date,
	"gas_levels" jsonb,
	"weight" integer DEFAULT 1 NOT NULL,
	"status" "goal_status" DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"rated_on" date NOT NULL,
	"level" integer NOT NULL,
	"note" text,
	"rated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"hub_service_id" uuid,
	"contact_on" date NOT NULL,
	"mode" text NOT NULL,
	"participants" text,
	"summary" text NOT NULL,
	"goal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"duration_minutes" integer,
	"logged_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"type" "hub_type" NOT NULL,
	"agency" text NOT NULL,
	"clinician_name" text NOT NULL,
	"clinician_user_id" text,
	"phone" text,
	"email" text,
	"started_on" date NOT NULL,
	"ended_on" date,
	"coordinating" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_clearance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"mentor_user_id" text NOT NULL,
	"cleared_on" date NOT NULL,
	"cleared_by" text,
	"note" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"reviewer_user_id" text NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"attestation" text,
	"credentials" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "note_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"signed_by" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_rule_set" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"preset" text,
	"rules" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"hub_service_id" uuid,
	"referred_by_user_id" text,
	"referring_clinician_name" text NOT NULL,
	"referring_agency" text NOT NULL,
	"hub_type" "hub_type" NOT NULL,
	"reason" text NOT NULL,
	"plan_goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_assessment_on" date,
	"last_cans_on" date,
	"status" "referral_status" DEFAULT 'received' NOT NULL,
	"priority" integer,
	"decline_reason" text,
	"status_note" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"supervisor_user_id" text NOT NULL,
	"supervisee_user_ids" text[] NOT NULL,
	"date" date NOT NULL,
	"minutes" integer NOT NULL,
	"format" text NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"topics" text,
	"youth_discussed" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"actions" text,
	"signed_at" timestamp with time zone,
	"signature_credentials" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "episode_id" uuid;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "status" "match_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "is_primary" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "meeting_frequency" text;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "expected_duration_months" integer;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "agreement_signed_on" date;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "closure_type" text;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "closure_reasons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "closure_checklist" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "closure_note" text;--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_assignment" ADD COLUMN "review_mode" "review_mode" DEFAULT 'approve_all' NOT NULL;--> statement-breakpoint
ALTER TABLE "supervision_assignment" ADD COLUMN "sample_percent" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_episode_id_episode_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episode"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_guardian_id_guardian_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardian"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_attachment_id_attachment_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_episode_id_episode_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episode"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_mentor_user_id_user_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_series_id_contact_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."contact_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_rule_set_id_program_rule_set_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."program_rule_set"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_series" ADD CONSTRAINT "contact_series_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_series" ADD CONSTRAINT "contact_series_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_series" ADD CONSTRAINT "contact_series_mentor_user_id_user_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_referral_id_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode" ADD CONSTRAINT "episode_rule_set_id_program_rule_set_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."program_rule_set"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_episode_id_episode_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episode"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal" ADD CONSTRAINT "goal_owner_user_id_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress" ADD CONSTRAINT "goal_progress_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_progress" ADD CONSTRAINT "goal_progress_goal_id_goal_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_contact" ADD CONSTRAINT "hub_contact_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_contact" ADD CONSTRAINT "hub_contact_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_contact" ADD CONSTRAINT "hub_contact_hub_service_id_hub_service_id_fk" FOREIGN KEY ("hub_service_id") REFERENCES "public"."hub_service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_service" ADD CONSTRAINT "hub_service_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_service" ADD CONSTRAINT "hub_service_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_service" ADD CONSTRAINT "hub_service_clinician_user_id_user_id_fk" FOREIGN KEY ("clinician_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_clearance" ADD CONSTRAINT "mentor_clearance_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_clearance" ADD CONSTRAINT "mentor_clearance_mentor_user_id_user_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addendum" ADD CONSTRAINT "note_addendum_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addendum" ADD CONSTRAINT "note_addendum_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_review" ADD CONSTRAINT "note_review_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_review" ADD CONSTRAINT "note_review_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_revision" ADD CONSTRAINT "note_revision_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_revision" ADD CONSTRAINT "note_revision_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_rule_set" ADD CONSTRAINT "program_rule_set_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_rule_set" ADD CONSTRAINT "program_rule_set_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_hub_service_id_hub_service_id_fk" FOREIGN KEY ("hub_service_id") REFERENCES "public"."hub_service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_referred_by_user_id_user_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_session" ADD CONSTRAINT "supervision_session_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_session" ADD CONSTRAINT "supervision_session_supervisor_user_id_user_id_fk" FOREIGN KEY ("supervisor_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachment_youth_idx" ON "attachment" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "attachment_referral_idx" ON "attachment" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "consent_episode_idx" ON "consent" USING btree ("episode_id");--> statement-breakpoint
CREATE INDEX "contact_youth_date_idx" ON "contact" USING btree ("youth_id","date");--> statement-breakpoint
CREATE INDEX "contact_mentor_date_idx" ON "contact" USING btree ("mentor_user_id","date");--> statement-breakpoint
CREATE INDEX "contact_org_note_status_idx" ON "contact" USING btree ("organization_id","note_status","signed_at");--> statement-breakpoint
CREATE INDEX "episode_youth_idx" ON "episode" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "episode_org_status_idx" ON "episode" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "goal_youth_idx" ON "goal" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "goal_episode_idx" ON "goal" USING btree ("episode_id");--> statement-breakpoint
CREATE INDEX "goal_progress_goal_idx" ON "goal_progress" USING btree ("goal_id","rated_on");--> statement-breakpoint
CREATE INDEX "hub_contact_youth_idx" ON "hub_contact" USING btree ("youth_id","contact_on");--> statement-breakpoint
CREATE INDEX "hub_service_youth_idx" ON "hub_service" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "mentor_clearance_mentor_idx" ON "mentor_clearance" USING btree ("organization_id","mentor_user_id");--> statement-breakpoint
CREATE INDEX "note_addendum_contact_idx" ON "note_addendum" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "note_review_contact_idx" ON "note_review" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "note_revision_idx" ON "note_revision" USING btree ("contact_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "program_rule_set_version_idx" ON "program_rule_set" USING btree ("program_id","version");--> statement-breakpoint
CREATE INDEX "referral_org_status_idx" ON "referral" USING btree ("organization_id","status","received_at");--> statement-breakpoint
CREATE INDEX "referral_youth_idx" ON "referral" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "referral_referred_by_idx" ON "referral" USING btree ("referred_by_user_id");--> statement-breakpoint
CREATE INDEX "supervision_session_supervisor_idx" ON "supervision_session" USING btree ("supervisor_user_id","date");