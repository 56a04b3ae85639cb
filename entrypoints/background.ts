export default defineBackground(() => {
  console.log('PaperPeek background started', browser.runtime.id);
});
