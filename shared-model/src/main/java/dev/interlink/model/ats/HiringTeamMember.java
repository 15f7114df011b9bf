package dev.interlink.model.ats;

import java.util.List;

/** roles: HIRING_MANAGER | RECRUITER | COORDINATOR | SOURCER | INTERVIEWER | OWNER | OTHER. */
public record HiringTeamMember(Ref user, List<String> roles, String roleRaw) {}
