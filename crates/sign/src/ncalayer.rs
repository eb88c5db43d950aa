//! NCALayer backend (in progress).
