-- A lost refresh answer must not sign the user out (issue #16): the token a refresh replaced is kept (its
-- hash) with the time of the rotation, so that within a short grace it gets the same new pair again.
ALTER TABLE "user_sessions" ADD COLUMN "previous_refresh_token_hash" text;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD COLUMN "rotated_at" timestamp(3) with time zone;