# What `occ-bot admin` prints for people, in English. Every id here is also in
# locales/th/admin.ftl, with the same variables.

admin-officers-none = There are no officers yet. Add one with: occ-bot admin officers add telegram:123456789 --name "Somchai" --role desk
admin-officer-line = { $user } · { $name } · { $role } · { $language }
admin-officer-added = Added: { $user } · { $name } · { $role } · { $language }
admin-officer-changed = Changed: { $user } · { $name } · { $role } · { $language }
admin-officer-removed = { $user } is no longer an officer.
admin-queue = { $count ->
    [one] One complaint
   *[other] { $count } complaints
}, oldest first{ $late ->
    [0] .
   *[other] ; { $late } late (marked ⚠).
}
admin-audit-none = The audit log is empty: no officer operation has been refused.
admin-audit-line = { $at } · { $who } · { $action } · { $issue } · { $reason }
admin-exported = Exported: complaints { $complaints } · officers { $officers } · notifications { $notifications } · conversations { $sessions }
admin-imported = Imported: complaints { $complaints } · officers { $officers } · notifications { $notifications } · conversations { $sessions }
admin-rules-ok = { $file }: { $count } rules, all valid.
admin-route-none = No rule matches: the complaint stays with { $agency } for screening.
admin-route =
    Agency: { $agency } ({ $confidence }% sure)
    Rule: { $rule }. { $reason }
    Matched: { $matched }
    Next best with another agency: { $runner_up }
