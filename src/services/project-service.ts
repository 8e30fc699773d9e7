import { type Actor, actorSchema, idSchema } from '../schemas/common.js';
import type { CreateProjectInput } from '../schemas/inputs.js';
import { parse } from '../schemas/parse.js';
import type { ProjectRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import type { AuditAction } from './audit-trail.js';
import { snapshot } from './audit-trail.js';
import { notFound, requireActOn, requireActor } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { type Member, type Project, toMember } from './views.js';

/**
 * Projects and who is assigned to them (`orgkit.projects`). A role whose
 * grants are `assigned` (a `user`) sees and works in its own projects only.
 */
export interface ProjectService<R extends string = string> {
  /**
   * `projects:create`.
   *
   * ```ts
   * const project = await orgkit.projects.create(actor, { name: 'Support bots' });
   * ```
   */
  create(actor: Actor, input: CreateProjectInput): Promise<Project>;
  /**
   * Oldest first (`projects:read`); for an `assigned` grant, only the
   * actor's projects.
   *
   * ```ts
   * const projects = await orgkit.projects.list(actor);
   * ```
   */
  list(actor: Actor): Promise<Project[]>;
  /**
   * One project (`projects:read`, in that project for an `assigned` grant).
   *
   * ```ts
   * const project = await orgkit.projects.get(actor, projectId);
   * ```
   */
  get(actor: Actor, projectId: string): Promise<Project>;
  /**
   * `projects:update`.
   *
   * ```ts
   * await orgkit.projects.rename(actor, projectId, 'Sales bots');
   * ```
   */
  rename(actor: Actor, projectId: string, name: string): Promise<Project>;
  /**
   * Deletes the project and its assignments, and drops it from pending
   * invitations (`projects:delete`).
   *
   * ```ts
   * await orgkit.projects.delete(actor, projectId);
   * ```
   */
  delete(actor: Actor, projectId: string): Promise<void>;
  /**
   * Assigns a member to a project (`projects:assign`, on a member the actor
   * may act on). Idempotent; answers the member as it now is.
   *
   * ```ts
   * const member = await orgkit.projects.assign(actor, projectId, userId);
   * ```
   */
  assign(actor: Actor, projectId: string, userId: string): Promise<Member<R>>;
  /**
   * The reverse of `assign`, idempotent like it.
   *
   * ```ts
   * await orgkit.projects.unassign(actor, projectId, userId);
   * ```
   */
  unassign(actor: Actor, projectId: string, userId: string): Promise<Member<R>>;
}

export function createProjectService<R extends string>(context: ServiceContext): ProjectService<R> {
  const { store, matrix, schemas, clock } = context;

  const projectEvent = (actor: Actor, action: AuditAction, projectId: string, at: Date) => ({
    organizationId: actor.organizationId,
    actorId: actor.userId,
    action,
    target: { targetType: 'project', targetId: projectId } as const,
    at,
  });

  async function loadProject(tx: StoreTx, actor: Actor, projectId: string): Promise<ProjectRecord> {
    const project = await tx.getProject(actor.organizationId, projectId);
    if (project === null) throw notFound('project');
    return project;
  }

  /** assign and unassign differ only in the store call and the audit action. */
  async function changeAssignment(rawActor: Actor, rawProjectId: string, rawUserId: string, assign: boolean) {
    const actor = parse(actorSchema, rawActor);
    const projectId = parse(idSchema, rawProjectId);
    const userId = parse(idSchema, rawUserId);
    const now = clock();
    return mutate(context, async (tx, audit) => {
      const resolved = await requireActor(tx, matrix, actor, 'projects:assign');
      await loadProject(tx, actor, projectId);
      const target = await tx.getMember(actor.organizationId, userId);
      if (target === null) throw notFound('member');
      requireActOn(matrix, resolved, target.role);
      const changed = assign
        ? await tx.assignProject({ organizationId: actor.organizationId, projectId, userId, createdAt: now })
        : await tx.unassignProject(actor.organizationId, projectId, userId);
      if (!changed) return toMember<R>(target, now);
      const after = (await tx.getMember(actor.organizationId, userId))!;
      audit.record({
        ...projectEvent(actor, assign ? 'project.assigned' : 'project.unassigned', projectId, now),
        changes: { userId: assign ? { before: null, after: userId } : { before: userId, after: null } },
      });
      return toMember<R>(after, now);
    });
  }

  return {
    async create(rawActor, input) {
      const actor = parse(actorSchema, rawActor);
      const { name } = parse(schemas.createProject, input);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:create');
        const project: ProjectRecord = {
          id: newId(),
          organizationId: actor.organizationId,
          name,
          createdAt: now,
          updatedAt: now,
        };
        await tx.insertProject(project);
        audit.record({
          ...projectEvent(actor, 'project.created', project.id, now),
          changes: snapshot(project, ['name'], 'created'),
        });
        return project;
      });
    },

    async list(rawActor) {
      const actor = parse(actorSchema, rawActor);
      const { scope } = await requireActor(store, matrix, actor, 'projects:read');
      return store.listProjects(actor.organizationId, scope === 'assigned' ? { assignedTo: actor.userId } : {});
    },

    async get(rawActor, rawProjectId) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      await requireActor(store, matrix, actor, 'projects:read', projectId);
      return loadProject(store, actor, projectId);
    },

    async rename(rawActor, rawProjectId, rawName) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      const name = parse(schemas.projectName, rawName);
      const now = clock();
      return mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:update', projectId);
        const before = await loadProject(tx, actor, projectId);
        if (before.name === name) return before;
        const after = await tx.updateProject(actor.organizationId, projectId, { name, updatedAt: now });
        if (after === null) throw notFound('project');
        audit.record({
          ...projectEvent(actor, 'project.renamed', projectId, now),
          changes: { name: { before: before.name, after: name } },
        });
        return after;
      });
    },

    async delete(rawActor, rawProjectId) {
      const actor = parse(actorSchema, rawActor);
      const projectId = parse(idSchema, rawProjectId);
      const now = clock();
      await mutate(context, async (tx, audit) => {
        await requireActor(tx, matrix, actor, 'projects:delete', projectId);
        const project = await loadProject(tx, actor, projectId);
        if (!(await tx.deleteProject(actor.organizationId, projectId))) throw notFound('project');
        audit.record({
          ...projectEvent(actor, 'project.deleted', projectId, now),
          changes: snapshot(project, ['name'], 'deleted'),
        });
      });
    },

    assign: (actor, projectId, userId) => changeAssignment(actor, projectId, userId, true),
    unassign: (actor, projectId, userId) => changeAssignment(actor, projectId, userId, false),
  };
}
