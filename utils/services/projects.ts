/**
 * Projects for the extension pages' components (issue #17): the repository's writes
 * (utils/db/projects.ts), each one transaction. A project shows on no web page, so no tab redraws.
 */
export {
  addNotesToProjects,
  addProjectText,
  createProject,
  deleteProject,
  editProjectText,
  EmptyNameError,
  listProjects,
  moveProjectItem,
  ProjectFullError,
  ProjectGoneError,
  projectsWithNote,
  removeProjectItem,
  renameProject,
  restoreItem,
  restoreProject,
} from '../db/projects';
