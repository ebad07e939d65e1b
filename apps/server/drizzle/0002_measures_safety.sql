CREATE TYPE "public"."administration_mode" AS ENUM('visit', 'link', 'kiosk', 'score_entry');--> statement-breakpoint
CREATE TYPE "public"."administration_status" AS ENUM('open', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."alert_action_kind" AS ENUM('contacted_youth', 'contacted_guardian', 'safety_plan_reviewed', 'mobile_crisis', 'called_988', 'called_911', 'hub_clinician_informed', 'supervisor_consulted', 'other');--> statement-breakpoint
CREATE TYPE "public"."alert_disposition" AS ENUM('no_imminent_risk', 'safety_plan_updated', 'referred_to_hub', 'mobile_crisis_engaged', 'emergency_services', 'hospitalized', 'mandated_report_filed', 'false_positive', 'other');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('acute', 'non_acute');--> statement-breakpoint
CREATE TYPE "public"."alert_source" AS ENUM('measure_response', 'check_in', 'contact_note', 'mentor_flag', 'staff_report');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'acknowledged', 'closed');--> statement-breakpoint
CREATE TYPE "public"."mandated_report_kind" AS ENUM('physical_abuse', 'sexual_abuse', 'emotional_abuse', 'neglect', 'other');--> statement-breakpoint
CREATE TYPE "public"."mandated_report_status" AS ENUM('oral_reported', 'written_filed', 'closed');--> statement-breakpoint
CREATE TYPE "public"."mentor_flag_outcome" AS ENUM('contact_restored', 'match_closed', 'rematch_planned');--> statement-breakpoint
CREATE TYPE "public"."mentor_flag_status" AS ENUM('open', 'reviewed');--> statement-breakpoint
CREATE TYPE "public"."notification_channel" AS ENUM('in_app', 'email', 'sms');--> statement-breakpoint
CREATE TYPE "public"."notification_reason" AS ENUM('raised', 'escalated');--> statement-breakpoint
CREATE TYPE "public"."response_respondent" AS ENUM('youth', 'guardian', 'staff');--> statement-breakpoint
CREATE TABLE "alert_notification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"reason" "notification_reason" DEFAULT 'raised' NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "check_in" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"ratings" jsonb NOT NULL,
	"need_to_talk" boolean DEFAULT false NOT NULL,
	"comment" text,
	"submitted_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandated_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"kinds" "mandated_report_kind"[] NOT NULL,
	"status" "mandated_report_status" DEFAULT 'oral_reported' NOT NULL,
	"oral_report_at" timestamp with time zone NOT NULL,
	"oral_report_to" text NOT NULL,
	"via_person_in_charge" boolean DEFAULT false NOT NULL,
	"written_due_at" timestamp with time zone NOT NULL,
	"written_filed_at" timestamp with time zone,
	"agency_reference" text,
	"caregivers" text,
	"nature_and_extent" text NOT NULL,
	"prior_evidence" text,
	"circumstances" text NOT NULL,
	"action_taken" text,
	"suspected_perpetrator" text,
	"other_information" text,
	"reporter_user_id" text NOT NULL,
	"supervisor_notified_at" timestamp with time zone,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_administration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"respondent" "response_respondent" NOT NULL,
	"mode" "administration_mode" NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"token_hash" text,
	"kiosk_code_hash" text,
	"status" "administration_status" DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"schedule_key" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_administration_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "measure_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"respondent" "response_respondent" NOT NULL,
	"mode" "administration_mode" NOT NULL,
	"administration_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"administered_on" date NOT NULL,
	"schedule_key" text,
	"answers" jsonb NOT NULL,
	"total" numeric,
	"subscales" jsonb NOT NULL,
	"band_id" text,
	"valid" boolean NOT NULL,
	"flags" jsonb NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"entered_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_flag" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"mentor_user_id" text NOT NULL,
	"reason" text,
	"status" "mentor_flag_status" DEFAULT 'open' NOT NULL,
	"flagged_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" text,
	"outcome" "mentor_flag_outcome",
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "program_survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid,
	"instrument_id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_alert" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"source" "alert_source" NOT NULL,
	"source_id" uuid,
	"severity" "alert_severity" NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_by" text,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalate_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"disposition" "alert_disposition",
	"disposition_note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_alert_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"kind" "alert_action_kind" NOT NULL,
	"note" text,
	"taken_at" timestamp with time zone NOT NULL,
	"taken_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safety_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"youth_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"reasons_for_living" text,
	"shared_with_youth" boolean DEFAULT false NOT NULL,
	"shared_with_guardian" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mentor_assignment" ADD COLUMN "contact_suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "acute_escalation_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "mobile_crisis_phone" text;--> statement-breakpoint
ALTER TABLE "program" ADD COLUMN "check_in_domains" text[] DEFAULT '{mood,worries,school,friends_family,sleep,safety}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD COLUMN "mandated_reporter" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "youth" ADD COLUMN "share_answers_with_guardian" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_notification" ADD CONSTRAINT "alert_notification_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notification" ADD CONSTRAINT "alert_notification_alert_id_safety_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."safety_alert"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notification" ADD CONSTRAINT "alert_notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in" ADD CONSTRAINT "check_in_submitted_by_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandated_report" ADD CONSTRAINT "mandated_report_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandated_report" ADD CONSTRAINT "mandated_report_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandated_report" ADD CONSTRAINT "mandated_report_reporter_user_id_user_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_administration" ADD CONSTRAINT "measure_administration_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_administration" ADD CONSTRAINT "measure_administration_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_administration" ADD CONSTRAINT "measure_administration_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_administration_id_measure_administration_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."measure_administration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_response" ADD CONSTRAINT "measure_response_entered_by_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_assignment_id_mentor_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."mentor_assignment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_mentor_user_id_user_id_fk" FOREIGN KEY ("mentor_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_flagged_by_user_id_fk" FOREIGN KEY ("flagged_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_flag" ADD CONSTRAINT "mentor_flag_reviewed_by_user_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_survey" ADD CONSTRAINT "program_survey_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_survey" ADD CONSTRAINT "program_survey_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_survey" ADD CONSTRAINT "program_survey_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_raised_by_user_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_acknowledged_by_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert" ADD CONSTRAINT "safety_alert_closed_by_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_action" ADD CONSTRAINT "safety_alert_action_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_action" ADD CONSTRAINT "safety_alert_action_alert_id_safety_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."safety_alert"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_alert_action" ADD CONSTRAINT "safety_alert_action_taken_by_user_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan" ADD CONSTRAINT "safety_plan_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan" ADD CONSTRAINT "safety_plan_youth_id_youth_id_fk" FOREIGN KEY ("youth_id") REFERENCES "public"."youth"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safety_plan" ADD CONSTRAINT "safety_plan_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_notification_user_idx" ON "alert_notification" USING btree ("user_id","organization_id","created_at");--> statement-breakpoint
CREATE INDEX "alert_notification_pending_idx" ON "alert_notification" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "alert_notification_alert_idx" ON "alert_notification" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "check_in_youth_idx" ON "check_in" USING btree ("youth_id","created_at");--> statement-breakpoint
CREATE INDEX "check_in_org_idx" ON "check_in" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "mandated_report_org_status_idx" ON "mandated_report" USING btree ("organization_id","status","written_due_at");--> statement-breakpoint
CREATE INDEX "mandated_report_youth_idx" ON "mandated_report" USING btree ("youth_id");--> statement-breakpoint
CREATE INDEX "measure_administration_youth_idx" ON "measure_administration" USING btree ("youth_id","created_at");--> statement-breakpoint
CREATE INDEX "measure_administration_kiosk_idx" ON "measure_administration" USING btree ("kiosk_code_hash");--> statement-breakpoint
CREATE INDEX "measure_administration_open_idx" ON "measure_administration" USING btree ("organization_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "measure_response_youth_instrument_idx" ON "measure_response" USING btree ("youth_id","instrument_id","administered_on");--> statement-breakpoint
CREATE INDEX "measure_response_org_date_idx" ON "measure_response" USING btree ("organization_id","administered_on");--> statement-breakpoint
CREATE INDEX "mentor_flag_org_status_idx" ON "mentor_flag" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "mentor_flag_assignment_idx" ON "mentor_flag" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_survey_org_instrument_version_idx" ON "program_survey" USING btree ("organization_id","instrument_id","version");--> statement-breakpoint
CREATE INDEX "safety_alert_org_status_idx" ON "safety_alert" USING btree ("organization_id","status","raised_at");--> statement-breakpoint
CREATE INDEX "safety_alert_youth_idx" ON "safety_alert" USING btree ("youth_id","raised_at");--> statement-breakpoint
CREATE INDEX "safety_alert_escalate_idx" ON "safety_alert" USING btree ("escalate_at");--> statement-breakpoint
CREATE INDEX "safety_alert_action_alert_idx" ON "safety_alert_action" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "safety_plan_youth_version_idx" ON "safety_plan" USING btree ("youth_id","version");