/// <reference lib="dom" />
/**
 * `<orgkit-projects>`: the Projects tab. Lists the projects the member may
 * see; creates, renames and deletes them where the role allows.
 */
import { html, nothing } from 'lit';
import { usersControls } from './controls.js';
import { browserTimeZone, formatDate } from './format.js';
import { type Access, OrgkitElement, type Project } from './orgkit-element.js';

export class OrgkitProjects extends OrgkitElement {
  static override properties = {
    ...OrgkitElement.properties,
    projects: { state: true },
    editing: { state: true },
    deleting: { state: true },
  };

  declare private projects: Project[];
  /** The project being renamed, or being asked about before deletion. */
  declare private editing: string | null;
  declare private deleting: string | null;

  constructor() {
    super();
    this.projects = [];
    this.editing = null;
    this.deleting = null;
  }

  protected override async load(): Promise<void> {
    await this.loadAccess();
    const list = await this.run(() => this.orgkit.projects.list(this.orgId));
    if (list !== undefined) this.projects = list.items;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    const project = await this.run(
      () => this.orgkit.projects.create(this.orgId, { name }),
      `Project “${name}” created.`,
    );
    if (project === undefined) return;
    this.projects = [...this.projects, project];
    form.reset();
  }

  private async rename(project: Project, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    const renamed = await this.run(() => this.orgkit.projects.rename(this.orgId, project.id, name), 'Project renamed.');
    if (renamed === undefined) return;
    this.projects = this.projects.map((item) => (item.id === renamed.id ? renamed : item));
    this.editing = null;
  }

  private async delete(project: Project): Promise<void> {
    const done = await this.attempt(
      () => this.orgkit.projects.delete(this.orgId, project.id),
      `Project “${project.name}” deleted.`,
    );
    this.deleting = null;
    if (done) this.projects = this.projects.filter((item) => item.id !== project.id);
  }

  protected override render() {
    const access = this.access as Access | null;
    const controls = usersControls(access);
    const zone = access?.member.timezone ?? browserTimeZone();
    return html`
      <section part="projects" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects</h2>
        ${this.renderNotice()}
        ${
          controls.createProject
            ? html`<form class="row" part="form" style="margin-bottom: 12px" @submit=${this.create}>
                <div class="field"><label for="field-new-project-name">New project name</label>
                  <input id="field-new-project-name" name="name" part="input" required aria-invalid=${this.errors.name === undefined ? 'false' : 'true'} aria-describedby="name-error" />
                  ${this.renderFieldError('name')}
                </div>
                <button type="submit" class="primary" part="button" ?disabled=${this.busy}>Create project</button>
              </form>`
            : nothing
        }
        <div class="scroll" role="region" aria-label="Projects table" tabindex="0"><table part="table">
          <thead><tr><th scope="col">Name</th><th scope="col">Created <span class="muted">(${zone})</span></th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            ${this.projects.map((project) => this.renderRow(project, controls, zone))}
            ${this.projects.length === 0 && !this.busy ? html`<tr><td colspan="3" class="muted">No projects yet.</td></tr>` : nothing}
          </tbody>
        </table></div>
      </section>
    `;
  }

  private renderRow(project: Project, controls: ReturnType<typeof usersControls>, zone: string) {
    const name =
      this.editing === project.id
        ? html`<form class="row" @submit=${(event: SubmitEvent) => this.rename(project, event)}>
            <label><span class="sr-only">Project name</span><input name="name" part="input" .value=${project.name} /></label>
            <button type="submit" part="button">Save</button>
            <button type="button" part="button" @click=${() => (this.editing = null)}>Cancel</button>
          </form>`
        : project.name;
    const actions =
      this.deleting === project.id
        ? html`<span>Delete “${project.name}” and its assignments?</span>
            <button class="danger" part="button" @click=${() => this.delete(project)}>Yes, delete</button>
            <button part="button" @click=${() => (this.deleting = null)}>Cancel</button>`
        : html`${controls.renameProject ? html`<button part="button" aria-label=${`Rename ${project.name}`} @click=${() => (this.editing = project.id)}>Rename</button>` : nothing}
            ${controls.deleteProject ? html`<button class="danger" part="button" aria-label=${`Delete ${project.name}`} @click=${() => (this.deleting = project.id)}>Delete</button>` : nothing}`;
    return html`<tr part="row"><td>${name}</td><td>${formatDate(project.createdAt, zone, false)}</td><td><div class="row">${actions}</div></td></tr>`;
  }
}
