// The language switch changes language as soon as a language is picked; without JavaScript, its button does.
for (const form of document.querySelectorAll("form.language-switch")) {
  const select = form.querySelector("select");
  const button = form.querySelector("button");
  if (button) button.hidden = true;
  select.addEventListener("change", () => form.submit());
}
