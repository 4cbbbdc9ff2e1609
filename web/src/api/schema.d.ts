/**
 * Generated from src/api/openapi.json by `npm run gen:api` (openapi-typescript). Do not edit:
 * change the spec and regenerate; `npm run check:api` (part of `npm run build`) fails when
 * this file is stale.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process runs */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: storage answers and is migrated */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text exposition format 0.0.4: requests by route, method and status, latency histograms, connections, process CPU, memory and file descriptors. When `metrics.bearer_token` is configured the request needs `Authorization: Bearer <that token>`; otherwise no credentials.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Product name and version of the server */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which sign-in methods the server offers */
        get: operations["getAuthConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with e-mail address and password (and TOTP code)
         * @description Returns a session token for `Authorization: Bearer`. Failed attempts are throttled per account and per client address (429 with `Retry-After`). Unknown, disabled and password-less accounts fail exactly like a wrong password.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revoke the session token of this request */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in account's own profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the signed-in account's name, language or theme
         * @description Only the fields sent are changed; an empty object changes nothing and returns the profile.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find enabled accounts by e-mail address or display name
         * @description For picking people to invite: returns only id, display name and e-mail address. Ordered by display name, then e-mail address; page with `limit` and `offset`.
         */
        get: operations["searchUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rooms the caller owns, newest first */
        get: operations["listRooms"];
        put?: never;
        /** Create a room owned by the caller */
        post: operations["createRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A room (owner and administrators only) */
        get: operations["getRoom"];
        put?: never;
        post?: never;
        /** Delete a room and its guest links (owner and administrators only) */
        delete: operations["deleteRoom"];
        options?: never;
        head?: never;
        /** Change a room (owner and administrators only) */
        patch: operations["updateRoom"];
        trace?: never;
    };
    "/api/v1/rooms/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The room's guest links */
        get: operations["listRoomInvites"];
        put?: never;
        /** Create a guest link, optionally expiring */
        post: operations["createRoomInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a guest link */
        delete: operations["deleteRoomInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a guest link without signing in
         * @description Reveals only the room and whether it needs a password.
         */
        post: operations["verifyInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join a room as a signed-in user: get a signaling ticket */
        post: operations["startRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/start_invited": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join a room as a guest through a guest link: get a signaling ticket */
        post: operations["startRoomInvited"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meetings the caller organises or is invited to */
        get: operations["listEvents"];
        put?: never;
        /** Plan a meeting (creates its room) */
        post: operations["createEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Occurrences of every visible meeting in a window */
        get: operations["listAllEventInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meeting (organiser, administrators, invitees) */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        /** Delete a meeting and its room */
        delete: operations["deleteEvent"];
        options?: never;
        head?: never;
        /** Change a meeting (organiser and administrators) */
        patch: operations["updateEvent"];
        trace?: never;
    };
    "/api/v1/events/{id}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Occurrences of one meeting in a window */
        get: operations["listEventInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move or cancel one occurrence */
        post: operations["setEventException"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/favourite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Mark as favourite */
        put: operations["addFavourite"];
        post?: never;
        /** Unmark as favourite */
        delete: operations["removeFavourite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations of a meeting
         * @description Oldest invitation first; page with `limit` and `offset`.
         */
        get: operations["listEventInvites"];
        put?: never;
        /** Invite a registered user or an e-mail address */
        post: operations["createEventInvite"];
        /** Withdraw an invitation */
        delete: operations["deleteEventInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/invites/respond": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept, decline or tentatively accept an invitation */
        post: operations["respondEventInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's pending invitations
         * @description Oldest invitation first; page with `limit` and `offset`.
         */
        get: operations["listMyInvites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/dial_in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The room's phone number and PIN (made on first request) */
        get: operations["getDialIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/dial_in/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New phone number and PIN */
        post: operations["regenerateDialIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/streaming_targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Streaming targets (keys masked) */
        get: operations["listStreamingTargets"];
        put?: never;
        /** Add an RTMP streaming target */
        post: operations["createStreamingTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rooms/{id}/streaming_targets/{target_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a streaming target */
        delete: operations["deleteStreamingTarget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start turning on the second factor: a new secret */
        post: operations["beginTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn on the second factor with a current code */
        post: operations["confirmTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn off the second factor with a current code */
        post: operations["disableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/votes/{id}/protocol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed protocol of a finished legal vote (for its voters, its initiator and the moderators present at its end); check it with `plenum vote verify` */
        get: operations["getVoteProtocol"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/votes/{id}/report/{lang}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The PDF report of a finished legal vote in German or English (same access as the protocol) */
        get: operations["getVoteReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/poll_templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prepared polls of a meeting
         * @description In their order (`position`, then creation); page with `limit` and `offset`. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        get: operations["listPollTemplates"];
        put?: never;
        /**
         * Prepare a poll
         * @description Checked as the signaling command would check it (docs/protocol.md); at most 50 per event. New templates go to the end unless `position` is given. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        post: operations["createPollTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/poll_templates/{template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One prepared poll
         * @description The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        get: operations["getPollTemplate"];
        put?: never;
        post?: never;
        /**
         * Delete a prepared poll
         * @description The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        delete: operations["deletePollTemplate"];
        options?: never;
        head?: never;
        /**
         * Change a prepared poll
         * @description Absent fields keep their values; `null` clears an optional one. The result is checked as a whole. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        patch: operations["updatePollTemplate"];
        trace?: never;
    };
    "/api/v1/events/{id}/vote_templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prepared votes of a meeting
         * @description In their order (`position`, then creation); page with `limit` and `offset`. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        get: operations["listVoteTemplates"];
        put?: never;
        /**
         * Prepare a vote
         * @description Checked as the signaling command would check it (docs/protocol.md); at most 50 per event. New templates go to the end unless `position` is given. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        post: operations["createVoteTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/{id}/vote_templates/{template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One prepared vote
         * @description The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        get: operations["getVoteTemplate"];
        put?: never;
        post?: never;
        /**
         * Delete a prepared vote
         * @description The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        delete: operations["deleteVoteTemplate"];
        options?: never;
        head?: never;
        /**
         * Change a prepared vote
         * @description Absent fields keep their values; `null` clears an optional one. The result is checked as a whole. The event's organiser, its invitees with the role `moderator` and administrators; other invitees get 403, everyone else 404.
         */
        patch: operations["updateVoteTemplate"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Stable machine-readable error code (src/base/error.hpp); new codes may be added, none is ever renamed. HTTP status: bad_request 400, invalid_argument 422, unauthenticated 401, permission_denied 403, not_found 404, method_not_allowed 405, conflict 409, payload_too_large 413 or 431, request_timeout 408, too_many_requests 429, too_many_connections 503, unavailable 503, internal 500, second_factor_required 401, password_required 401, wrong_password 403.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "invalid_argument" | "unauthenticated" | "permission_denied" | "not_found" | "method_not_allowed" | "conflict" | "payload_too_large" | "request_timeout" | "too_many_requests" | "too_many_connections" | "unavailable" | "internal" | "second_factor_required" | "password_required" | "wrong_password";
        /** @description Body of every error response. */
        Error: {
            code: components["schemas"]["ErrorCode"];
            /** @description Human-readable explanation (English); may be shown to the user. */
            message: string;
            /** @description The request field or query parameter at fault, e.g. `display_name`; present only when one is. */
            field?: string;
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        Readiness: {
            /** @constant */
            status: "ready";
        };
        Version: {
            /**
             * @description Product name.
             * @example Plenum
             */
            name: string;
            /**
             * @description Server version.
             * @example 0.1.0
             */
            version: string;
        };
        AuthConfig: {
            /** @description Sign-in with e-mail address and password is available. */
            password: boolean;
            /** @description Sign-in through an OpenID Connect provider is available. */
            oidc: boolean;
            /** @description Fewest characters a new password may have (`auth.password_min_length`). */
            password_min_length: number;
            /** @description The provider's issuer URL (for discovery and the code + PKCE flow), or null when OIDC is off. */
            oidc_issuer: string | null;
            /** @description The web app's client id at the provider, or null when OIDC is off. */
            oidc_client_id: string | null;
            /** @description Resource indicator (RFC 8707) to ask access tokens for (`oidc.resource`), or null. */
            oidc_resource: string | null;
        };
        /**
         * @description User interface language.
         * @enum {string}
         */
        Language: "de" | "en";
        /**
         * @description Colour theme; `system` follows the operating system.
         * @enum {string}
         */
        Theme: "system" | "light" | "dark" | "high_contrast";
        LoginRequest: {
            /** @description E-mail address, at most 254 bytes (422 otherwise); case and surrounding spaces do not matter. A malformed address fails like a wrong password (401). */
            email: string;
            /** @description Password, at most 1024 bytes (422 otherwise). */
            password: string;
            /** @description Current code from the authenticator app, at most 16 bytes (422 otherwise); needed when the account has a second factor (401 `second_factor_required` without it). */
            totp?: string;
        };
        LoginResponse: {
            /** @description Opaque session token for `Authorization: Bearer`. */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /**
             * Format: date-time
             * @description When the token stops working (RFC 3339, UTC).
             */
            expires_at: string;
            user: components["schemas"]["OwnProfile"];
        };
        /** @description The signed-in account as its owner sees it. */
        OwnProfile: {
            /** Format: uuid */
            id: string;
            /**
             * Format: email
             * @description Normalised to lowercase.
             */
            email: string;
            display_name: string;
            language: components["schemas"]["Language"];
            theme: components["schemas"]["Theme"];
            admin: boolean;
            /** @description Sign-in needs a TOTP code as well. */
            totp_enabled: boolean;
            /**
             * Format: date-time
             * @description RFC 3339, UTC.
             */
            created_at: string;
        };
        /** @description Fields to change; those left out stay as they are. */
        ProfileUpdate: {
            /** @description 1 to 100 characters after trimming surrounding spaces and tabs, no control characters, at most 400 bytes as sent. */
            display_name?: string;
            language?: components["schemas"]["Language"];
            theme?: components["schemas"]["Theme"];
        };
        /** @description What an inviter needs to pick someone: no roles, settings or timestamps. */
        UserSummary: {
            /** Format: uuid */
            id: string;
            display_name: string;
            /** Format: email */
            email: string;
        };
        UserSearchResult: {
            users: components["schemas"]["UserSummary"][];
        };
        /**
         * @description Who waits to be admitted.
         * @enum {string}
         */
        WaitingRoomMode: "off" | "guests" | "everyone";
        /**
         * @description How guests with a link enter.
         * @enum {string}
         */
        GuestAccess: "disabled" | "waiting_room" | "direct";
        Room: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            owner_id: string;
            name: string;
            /** @description Shared with participants; null when the room has none. */
            password: string | null;
            waiting_room: components["schemas"]["WaitingRoomMode"];
            guest_access: components["schemas"]["GuestAccess"];
            /** @description End-to-end encryption requested (stored now, enforced by a later release). */
            e2ee: boolean;
            max_participants: number;
            /** Format: date-time */
            created_at: string;
        };
        /** @description Fields to set; absent fields keep their value (or the default on creation). */
        RoomSettings: {
            name?: string | null;
            /** @description null removes the password. */
            password?: string | null;
            waiting_room?: components["schemas"]["WaitingRoomMode"] | null;
            guest_access?: components["schemas"]["GuestAccess"] | null;
            e2ee?: boolean | null;
            max_participants?: number | null;
        };
        RoomList: {
            rooms: components["schemas"]["Room"][];
            total: number;
        };
        RoomInvite: {
            /** @description The secret of the guest link. */
            code: string;
            /** Format: uuid */
            room_id: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        RoomInviteCreate: {
            /** @description Unix seconds, in the future and at most one year ahead; null or absent: until revoked. */
            expires_at?: number | null;
        };
        RoomInviteList: {
            invites: components["schemas"]["RoomInvite"][];
        };
        InviteVerifyRequest: {
            code: string;
        };
        InviteVerifyResponse: {
            /** Format: uuid */
            room_id: string;
            password_required: boolean;
        };
        StartRequest: {
            password?: string | null;
        };
        StartInvitedRequest: {
            invite_code: string;
            display_name: string;
            password?: string | null;
        };
        Admission: {
            /** @description Single use; admits one signaling connection. */
            ticket: string;
            /** @description Seconds the ticket stays valid (30). */
            expires_in: number;
            /** Format: uuid */
            room_id: string;
            /** @description WebSocket URL to connect to with the ticket. */
            signaling_url: string;
        };
        Recurrence: {
            /** @description RFC 5545 RRULE value without "RRULE:"; FREQ at least DAILY. */
            rrule?: string;
            rdates?: string[];
            exdates?: string[];
        };
        EventRoom: components["schemas"]["Room"] | {
            /** Format: uuid */
            id: string;
            password_required: boolean;
        };
        Event: {
            /** Format: uuid */
            id: string;
            title: string;
            description: string;
            time_independent: boolean;
            all_day: boolean;
            adhoc: boolean;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            starts_at: string | null;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            ends_at: string | null;
            /** @description IANA time zone. */
            time_zone: string | null;
            recurrence: {
                rrule: string;
                rdates: string[];
                exdates: string[];
            } | null;
            /** Format: uuid */
            room_id: string;
            room: components["schemas"]["EventRoom"];
            favourite: boolean;
            can_manage: boolean;
            /** Format: uuid */
            created_by: string;
            created_at: string;
            updated_at: string;
        };
        /** @description Absent fields keep their value (defaults on creation; title is required on creation). */
        EventInput: {
            title?: string;
            description?: string;
            time_independent?: boolean;
            all_day?: boolean;
            /** @description "Meet now": only on creation; implies time_independent. */
            adhoc?: boolean;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            starts_at?: string;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            ends_at?: string;
            time_zone?: string;
            recurrence?: components["schemas"]["Recurrence"] | null;
            room?: components["schemas"]["RoomSettings"];
        };
        EventList: {
            events: components["schemas"]["Event"][];
        };
        EventInstance: {
            original_start: string;
            starts_at: string;
            ends_at: string;
            /** Format: date-time */
            starts_at_utc: string;
            /** Format: date-time */
            ends_at_utc: string;
            moved: boolean;
        };
        EventInstanceList: {
            instances: components["schemas"]["EventInstance"][];
        };
        CalendarInstance: {
            original_start: string;
            starts_at: string;
            ends_at: string;
            /** Format: date-time */
            starts_at_utc: string;
            /** Format: date-time */
            ends_at_utc: string;
            moved: boolean;
            /** Format: uuid */
            event_id: string;
            title: string;
        };
        CalendarInstanceList: {
            instances: components["schemas"]["CalendarInstance"][];
        };
        EventException: {
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            original_start: string;
            cancelled?: boolean;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            starts_at?: string;
            /** @description Local wall time in the event's zone, "YYYY-MM-DDTHH:MM:SS" (a date "YYYY-MM-DD" for all-day events). */
            ends_at?: string;
        };
        /** @description Exactly one of user_id and email. */
        EventInviteCreate: {
            user_id?: string;
            email?: string;
            /**
             * @description user/moderator for registered users; guest/moderator for e-mail addresses.
             * @enum {string}
             */
            role: "user" | "moderator" | "guest";
        };
        EventInvite: {
            /** Format: uuid */
            event_id: string;
            user_id: string | null;
            email: string | null;
            /** @enum {string} */
            role: "user" | "moderator" | "guest";
            /** @enum {string} */
            status: "pending" | "accepted" | "declined" | "tentative";
            created_at: string;
            /** @description The invited registered user's display name (null for an e-mail invitation). */
            user_name: string | null;
            /** @description The invited registered user's e-mail address (null for an e-mail invitation). */
            user_email: string | null;
        };
        EventInviteList: {
            invites: components["schemas"]["EventInvite"][];
            /** @description How many invitations there are in all (every page). */
            total: number;
        };
        InviteResponse: {
            /** @enum {string} */
            status: "accepted" | "declined" | "tentative";
        };
        DialIn: {
            /** Format: uuid */
            room_id: string;
            numeric_id: string;
            pin: string;
        };
        StreamingTargetCreate: {
            name: string;
            endpoint: string;
            stream_key: string;
            public_url?: string | null;
        };
        StreamingTarget: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            room_id: string;
            name: string;
            endpoint: string;
            /** @description In full only in the creation response; afterwards "********" and the last 4 characters. */
            stream_key: string;
            public_url: string | null;
            created_at: string;
        };
        StreamingTargetList: {
            targets: components["schemas"]["StreamingTarget"][];
        };
        TotpEnrollment: {
            /** @description Base32 (RFC 4648); nothing is stored until confirmed. */
            secret: string;
            /** @description otpauth:// URI for a QR code. */
            uri: string;
        };
        TotpConfirm: {
            secret: string;
            code: string;
        };
        TotpCode: {
            code: string;
        };
        /** @description The fields of the signaling command `polls.start` plus `title` and `position`. On creation `title`, `topic` and `choices` are required; `multiple` defaults to false, `live` to true. Lengths count characters (code points); text must not be blank or hold control characters; choices must differ. */
        PollTemplateInput: {
            /** @description How the template is listed. */
            title?: string;
            /** @description List order (ascending). */
            position?: number;
            topic?: string;
            choices?: string[];
            multiple?: boolean;
            live?: boolean;
            duration_seconds?: number | null;
        };
        PollTemplate: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            event_id: string;
            title: string;
            position: number;
            topic: string;
            choices: string[];
            multiple: boolean;
            live: boolean;
            duration_seconds: number | null;
            created_at: string;
            updated_at: string;
        };
        PollTemplateList: {
            poll_templates: components["schemas"]["PollTemplate"][];
            /** @description How many there are in all (every page). */
            total: number;
        };
        /** @description The fields of the signaling command `legal_vote.start` plus `position`. On creation `name` is required; `kind` defaults to `roll_call`, `allow_abstain` to true, `live_results` and `auto_close` to false. Secret votes never show live results (422 on `live_results`). An empty subtitle or topic is stored as null. */
        VoteTemplateInput: {
            position?: number;
            name?: string;
            subtitle?: string | null;
            /** @description May contain line breaks. */
            topic?: string | null;
            /** @enum {string} */
            kind?: "roll_call" | "secret";
            allow_abstain?: boolean;
            live_results?: boolean;
            auto_close?: boolean;
            duration_seconds?: number | null;
        };
        VoteTemplate: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            event_id: string;
            position: number;
            name: string;
            subtitle: string | null;
            topic: string | null;
            /** @enum {string} */
            kind: "roll_call" | "secret";
            allow_abstain: boolean;
            live_results: boolean;
            auto_close: boolean;
            duration_seconds: number | null;
            created_at: string;
            updated_at: string;
        };
        VoteTemplateList: {
            vote_templates: components["schemas"]["VoteTemplate"][];
            /** @description How many there are in all (every page). */
            total: number;
        };
    };
    responses: {
        /** @description `bad_request`: the body is not a JSON object sent as `Content-Type: application/json`, or the request is malformed (HTTP syntax, path encoding). */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `unauthenticated`: missing, malformed, expired or revoked bearer token, or the account is disabled. */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `invalid_argument`: well-formed but invalid input; `field` names the offending field or query parameter (also for an unknown field). */
        InvalidArgument: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `too_many_requests`: rate limited; try again after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `unavailable`: a dependency (storage) is not ready. */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Any other error, e.g. 405 `method_not_allowed`, 408 `request_timeout`, 413/431 `payload_too_large`, 500 `internal`, 503 `unavailable` or `too_many_connections` (see the status table in docs/api.md). */
        UnexpectedError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource, or one the caller may not see. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not allowed. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description The request's id (the client's own if it sent a valid one); quote it to the operator. */
        "X-Request-Id": string;
        /** @description Seconds to wait before trying again. */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            503: components["responses"]["Unavailable"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4; charset=utf-8": string;
                };
            };
            /** @description `unauthenticated`: `metrics.bearer_token` is set and the request did not send it. */
            401: {
                headers: {
                    /** @description Always `Bearer`. */
                    "WWW-Authenticate"?: "Bearer";
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Name and version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Version"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 description of this API (this document). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getAuthConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in configuration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthConfig"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description `unauthenticated`: wrong e-mail address, password or TOTP code (deliberately not saying which). `second_factor_required` (with `field: "totp"`): the password is right but the account needs the code from the authenticator app; send the request again with `totp`. */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["InvalidArgument"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnProfile"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileUpdate"];
            };
        };
        responses: {
            /** @description The updated profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnProfile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    searchUsers: {
        parameters: {
            query: {
                /** @description Text that the e-mail address or display name contains (case-insensitive for ASCII). 3 to 100 bytes after URL decoding (`+` is a space); leading and trailing spaces and tabs count towards the length but are ignored by the search. Missing or outside the range: 422 with `field: "q"`. */
                q: string;
                /** @description Most results to return. Not an integer from 1 to 50: 422 with `field: "limit"`. */
                limit?: number;
                /** @description Results to skip. Not an integer from 0 to 950: 422 with `field: "offset"`. Paging reaches the first 1000 matches (in the order display name, e-mail address); for more, search for more of the name. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching accounts (possibly none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSearchResult"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listRooms: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createRoom: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoomSettings"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoomSettings"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Room"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listRoomInvites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomInviteList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createRoomInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoomInviteCreate"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomInvite"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteRoomInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    verifyInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteVerifyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteVerifyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    startRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Admission"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Not signed in (unauthenticated), or the room needs its password (password_required). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Wrong room password (wrong_password) or guests not admitted (permission_denied). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    startRoomInvited: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartInvitedRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Admission"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Not signed in (unauthenticated), or the room needs its password (password_required). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Wrong room password (wrong_password) or guests not admitted (permission_denied). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventInput"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listAllEventInstances: {
        parameters: {
            query: {
                /** @description UTC, like 2026-11-22T00:00:00Z. */
                from: string;
                /** @description UTC, after from, at most 5 years later. */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarInstanceList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventInput"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Event"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listEventInstances: {
        parameters: {
            query: {
                /** @description UTC, like 2026-11-22T00:00:00Z. */
                from: string;
                /** @description UTC, after from, at most 5 years later. */
                to: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventInstanceList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    setEventException: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventException"];
            };
        };
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    addFavourite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    removeFavourite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listEventInvites: {
        parameters: {
            query?: {
                /** @description Most results to return. Not an integer from 1 to 100: 422 with `field: "limit"`. */
                limit?: number;
                /** @description Results to skip. Not an integer from 0 to 1000000: 422 with `field: "offset"`. */
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventInviteList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createEventInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EventInviteCreate"];
            };
        };
        responses: {
            /** @description Done; no content. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteEventInvite: {
        parameters: {
            query?: {
                user_id?: string;
                email?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    respondEventInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteResponse"];
            };
        };
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listMyInvites: {
        parameters: {
            query?: {
                /** @description Most results to return. Not an integer from 1 to 100: 422 with `field: "limit"`. */
                limit?: number;
                /** @description Results to skip. Not an integer from 0 to 1000000: 422 with `field: "offset"`. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventInviteList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDialIn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DialIn"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    regenerateDialIn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DialIn"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listStreamingTargets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamingTargetList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createStreamingTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreamingTargetCreate"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamingTarget"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteStreamingTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                target_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    beginTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpEnrollment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description The second factor is already on/off. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    confirmTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpConfirm"];
            };
        };
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description The second factor is already on/off. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCode"];
            };
        };
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            /** @description The second factor is already on/off. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getVoteProtocol: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The protocol (format plenum.legal_vote.v1), as an attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getVoteReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                lang: "de" | "en";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, as an attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listPollTemplates: {
        parameters: {
            query?: {
                /** @description Most results to return. Not an integer from 1 to 100: 422 with `field: "limit"`. */
                limit?: number;
                /** @description Results to skip. Not an integer from 0 to 1000000: 422 with `field: "offset"`. */
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollTemplateList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createPollTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PollTemplateInput"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The event holds 50 templates of this kind already (the limit). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getPollTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollTemplate"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deletePollTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updatePollTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PollTemplateInput"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    listVoteTemplates: {
        parameters: {
            query?: {
                /** @description Most results to return. Not an integer from 1 to 100: 422 with `field: "limit"`. */
                limit?: number;
                /** @description Results to skip. Not an integer from 0 to 1000000: 422 with `field: "offset"`. */
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteTemplateList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    createVoteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteTemplateInput"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The event holds 50 templates of this kind already (the limit). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    getVoteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteTemplate"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteVoteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateVoteTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                template_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteTemplateInput"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoteTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidArgument"];
            default: components["responses"]["UnexpectedError"];
        };
    };
}
